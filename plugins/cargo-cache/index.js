// Keeps cargo's work between Netlify deploys: the build's target folder (with rustc's
// incremental state, see [build.environment] in netlify.toml), and the registry index, crate
// archives and git clones of the cargo home. A cold build of this stack downloads and compiles
// every dependency (one to two and a half minutes on two cores); with these restored, cargo
// compiles only what changed (seconds).
//
// Netlify's cache utilities copy each folder to the site's build cache after a successful build
// (onPostBuild) and back before the next one (onPreBuild), keeping modification times, so cargo
// still sees a source file that a commit changed as newer than what was compiled from it.
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
    // The registry's index and the downloaded archives, and the git dependencies' clones:
    // cargo unpacks and checks out the sources from these (registry/src, git/checkouts) faster
    // than thousands of small files are copied.
    join(cargoHome, 'registry', 'index'),
    join(cargoHome, 'registry', 'cache'),
    join(cargoHome, 'git', 'db'),
  ]
}

const took = function (start) {
  return ` (${((Date.now() - start) / 1000).toFixed(1)} s)`
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
      const start = Date.now()
      const restored = await utils.cache.restore(folder)
      console.log(`cargo-cache: ${folder} ${restored ? 'restored from the build cache' : 'not in the build cache'}${took(start)}`)
    }
  },

  async onPostBuild({ constants, utils }) {
    if (skippedLocally(constants)) return
    for (const folder of folders()) {
      const start = Date.now()
      const saved = await utils.cache.save(folder)
      console.log(`cargo-cache: ${folder} ${saved ? 'saved to the build cache' : 'absent, not saved'}${took(start)}`)
    }
  },
}
