// Keeps cargo's work between Netlify deploys: the build's target folder, and the registry and
// git checkouts of the cargo home. A cold build of this stack compiles every dependency
// (minutes); with these restored, cargo compiles only what changed (seconds).
//
// Netlify's cache utilities copy each folder to the site's build cache after a successful build
// (onPostBuild) and back before the next one (onPreBuild), keeping modification times, so cargo
// still rebuilds the crate when a commit changed its sources.
//
// Outside Netlify's own builds (`netlify build` on a developer's machine or in CI) there is
// nothing to keep: the working copy's target folder and the cargo home outlive the build, and
// copying them into .netlify/cache would only duplicate gigabytes.

const { homedir } = require('os')
const { join } = require('path')

const folders = function () {
  const cargoHome = process.env.CARGO_HOME || join(homedir(), '.cargo')
  return [
    process.env.CARGO_TARGET_DIR || 'target',
    join(cargoHome, 'registry'),
    join(cargoHome, 'git'),
  ]
}

const skippedLocally = function (constants) {
  if (constants.IS_LOCAL) {
    console.log('cargo-cache: a local build keeps target/ and the cargo home by itself; nothing to do.')
  }
  return constants.IS_LOCAL
}

module.exports = {
  async onPreBuild({ constants, utils }) {
    if (skippedLocally(constants)) return
    for (const folder of folders()) {
      const restored = await utils.cache.restore(folder)
      console.log(`cargo-cache: ${folder} ${restored ? 'restored from the build cache' : 'not in the build cache'}`)
    }
  },

  async onPostBuild({ constants, utils }) {
    if (skippedLocally(constants)) return
    for (const folder of folders()) {
      const saved = await utils.cache.save(folder)
      console.log(`cargo-cache: ${folder} ${saved ? 'saved to the build cache' : 'absent, not saved'}`)
    }
  },
}
