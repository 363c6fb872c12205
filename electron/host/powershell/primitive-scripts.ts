/**
 * Loads the fixed .ps1 files once from disk. They live in ./scripts next to this module in
 * the source tree; a packaged app passes `process.resourcesPath + '/powershell-scripts'`
 * (electron-builder `extraResources`, see docs/powershell-host.md).
 *
 * Every file is checked before use, so a damaged install fails loudly instead of sending
 * something odd to PowerShell: ASCII only (Windows PowerShell reads stdin in the OEM code
 * page), and no empty line (an empty line ends a multi-line block early under -Command -).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { elevatedPrimitives, sessionPrimitives, type SessionPrimitive } from './primitive-names.js';

export interface PrimitiveScripts {
  readonly directory: string;
  readonly prelude: string;
  readonly epilogue: string;
  readonly primitives: Readonly<Record<SessionPrimitive, string>>;
  readonly elevatedBootstrap: string;
  readonly elevatedServer: string;
}

export class ScriptLibraryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScriptLibraryError';
  }
}

/**
 * Where the scripts are in the source tree (tsx, vitest, the CLI). A bundle (esbuild's
 * dist/electron/main.mjs) is elsewhere: it must pass `scriptsDirectory` explicitly
 * (packaged: join(process.resourcesPath, 'powershell'), the extraResources target).
 */
export function defaultScriptsDirectory(): string {
  const moduleUrl: string | undefined = import.meta.url;
  if (!moduleUrl)
    throw new ScriptLibraryError('no module URL to find the PowerShell scripts from; pass scriptsDirectory');
  return fileURLToPath(new URL('./scripts/', moduleUrl));
}

function readScript(directory: string, fileName: string): string {
  let text: string;
  try {
    text = readFileSync(join(directory, fileName), 'utf8');
  } catch (error) {
    throw new ScriptLibraryError(
      `PowerShell script ${fileName} could not be read from ${directory}: ${(error as Error).message}`,
    );
  }
  // A checkout with CRLF line ends gives the same script; normalise so the text sent is stable.
  text = text.replace(/\r\n/g, '\n').replace(/\n+$/, '');
  if (!/^[\x20-\x7e\n]*$/.test(text))
    throw new ScriptLibraryError(
      `PowerShell script ${fileName} contains a character outside printable ASCII`,
    );
  if (text.split('\n').some((line) => line.trim().length === 0))
    throw new ScriptLibraryError(`PowerShell script ${fileName} contains an empty line`);
  return text;
}

export function loadPrimitiveScripts(directory: string = defaultScriptsDirectory()): PrimitiveScripts {
  const primitives = Object.fromEntries(
    sessionPrimitives.map((name) => [name, readScript(directory, `${name}.ps1`)]),
  ) as Record<SessionPrimitive, string>;
  return {
    directory,
    prelude: readScript(directory, 'prelude.ps1'),
    epilogue: readScript(directory, 'epilogue.ps1'),
    primitives,
    elevatedBootstrap: readScript(directory, 'elevated-bootstrap.ps1'),
    elevatedServer: readScript(directory, 'elevated-server.ps1'),
  };
}

/** The bundle stage 1 of the elevated session verifies by SHA-256 before running anything. */
export interface ElevatedBundle {
  readonly server: string;
  readonly prelude: string;
  readonly epilogue: string;
  readonly primitives: Readonly<Record<string, string>>;
}

export function elevatedBundleBytes(scripts: PrimitiveScripts): { bytes: Buffer; sha256Base64: string } {
  const bundle: ElevatedBundle = {
    server: scripts.elevatedServer,
    prelude: scripts.prelude,
    epilogue: scripts.epilogue,
    primitives: Object.fromEntries(elevatedPrimitives.map((name) => [name, scripts.primitives[name]])),
  };
  const bytes = Buffer.from(JSON.stringify(bundle), 'utf8');
  return { bytes, sha256Base64: createHash('sha256').update(bytes).digest('base64') };
}
