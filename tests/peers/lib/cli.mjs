// What the peer scripts share as command-line programs: output with back-pressure, exact JSON for BigInt, and
// the exit-code contract (0 done; 1 the engine failed, its message as one line on stderr; 2 bad usage).

// A reader that stops early (`| head`) is not an error of ours.
process.stdout.on("error", (e) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw e;
});

/** Writes text to stdout, waiting while the pipe is full so a large result never piles up in memory. */
export function write(text) {
  if (process.stdout.write(text)) return Promise.resolve();
  return new Promise((resolve) => process.stdout.once("drain", resolve));
}

/** An error's message on one line. */
export const oneLine = (e) => (e && e.message ? e.message : String(e)).replace(/\s*\n\s*/g, " ").trim();

/** Exits 1 with the engine's message: a test result ("this engine cannot do that"), not a crash. */
export function engineFailed(e) {
  process.stderr.write(`${oneLine(e)}\n`);
  process.exitCode = 1;
}

/** Exits 2: the command line is wrong or asks for something the engine cannot be told to do. */
export function usageError(script, message, usage) {
  process.stderr.write(`${script}: ${message}\n${usage}\n`);
  process.exit(2);
}

/** JSON.stringify that writes BigInt as an exact integer literal (System.Text.Json reads it exactly). */
export function stringify(value) {
  if (value === null || value === undefined) return "null";
  if (typeof value === "bigint") return value.toString();
  if (typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stringify).join(",")}]`;
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stringify(v)}`).join(",")}}`;
}

/**
 * Parses "--name value" options (and "--name=value") after positional arguments.
 * @param {string[]} argv
 * @param {Record<string, "value" | "flag">} spec
 * @returns {{positional: string[], options: Record<string, string | true>, error?: string}}
 */
export function parseArgs(argv, spec) {
  const positional = [];
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith("--") || a === "-") {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf("=");
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    const kind = spec[name];
    if (!kind) return { positional, options, error: `unknown option --${name}` };
    if (kind === "flag") {
      options[name] = true;
      continue;
    }
    const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
    if (value === undefined) return { positional, options, error: `--${name} needs a value` };
    options[name] = value;
  }
  return { positional, options };
}
