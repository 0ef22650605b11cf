// Loads the pinned test peers from tests/peers/node_modules, wherever this is run from.
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const require = createRequire(new URL("../../tests/peers/package.json", import.meta.url));

/** Imports a package installed in tests/peers (run `npm ci` there first; run.sh does). */
export async function peer(name) {
  return import(pathToFileURL(require.resolve(name)).href);
}

/** The installed version of a package in tests/peers. */
export function peerVersion(name) {
  return require(`${name}/package.json`).version;
}
