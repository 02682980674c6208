// Creates the data directory (mode 0700) and names the files Portcullis keeps in it.
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CliError } from '../errors.js';

/** The files of a data directory. */
export interface DataDirLayout {
  readonly root: string;
  /** Embedded database (SQLite, WAL). */
  readonly database: string;
  /** Default master key file (base64, mode 0600). */
  readonly masterKey: string;
  /** The first admin API token (mode 0600), written once at bootstrap. */
  readonly adminToken: string;
  /** The edge CA certificate clients can pin (`curl --cacert`). */
  readonly edgeCa: string;
  /** Demo client certificate material. */
  readonly demo: string;
}

/** Paths of the files under `root`. */
export function dataDirLayout(root: string): DataDirLayout {
  return Object.freeze({
    root,
    database: join(root, 'portcullis.db'),
    masterKey: join(root, 'master.key'),
    adminToken: join(root, 'admin-token'),
    edgeCa: join(root, 'edge-ca.pem'),
    demo: join(root, 'demo'),
  });
}

/** Creates `root` (mode 0700) if missing; fails with CLI_DATA_DIR if it exists and is not a directory. */
export function ensureDataDir(root: string): DataDirLayout {
  try {
    mkdirSync(root, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new CliError('CLI_DATA_DIR', `cannot create data directory ${root}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (!statSync(root).isDirectory())
    throw new CliError('CLI_DATA_DIR', `data directory ${root} is not a directory`);
  return dataDirLayout(root);
}
