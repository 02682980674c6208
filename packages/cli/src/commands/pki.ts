// `portcullis ski`, `ca init`, `cert sign`, `cert keygen` and `crl`: file-based PKI for people who
// script it, on the same @portcullis/pki code the gateway uses. Works offline; needs no server.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Option, type Command } from 'commander';
import {
  buildCrl,
  clientAuthFacts,
  createCa,
  decodePemBlocks,
  generateKeyAndCsr,
  isPkiError,
  keyTypes,
  normaliseSerialHex,
  signCsr,
  type ClientAuthFacts,
  type CrlEntry,
  type KeyType,
  type RevocationReason,
} from '@portcullis/pki';
import { CliError } from '../errors.js';
import { exitCodes } from '../exit-codes.js';
import { writeLine } from '../ui/terminal.js';

/** An input the command refused (exit 1) or a file it could not read or write (exit 3). */
class PkiCommandFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** Runs an action, turning pki refusals and file errors into one stderr line and the documented exit code. */
function pkiAction<A extends unknown[]>(
  action: (...args: A) => Promise<void>,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await action(...args);
    } catch (error) {
      if (error instanceof PkiCommandFailure) {
        process.stderr.write(`portcullis: ${error.message}\n`);
        process.exitCode = error.exitCode;
        return;
      }
      if (isPkiError(error)) {
        process.stderr.write(`portcullis: ${error.message} (${error.code})\n`);
        process.exitCode = exitCodes.invalid;
        return;
      }
      throw error;
    }
  };
}

function readInput(file: string, what: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new PkiCommandFailure(
      `cannot read ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      exitCodes.failure,
    );
  }
}

function writeOutput(
  file: string,
  content: string | Uint8Array,
  options: { secret?: boolean; force?: boolean } = {},
): void {
  if (!options.force && existsSync(file))
    throw new PkiCommandFailure(`${file} already exists; remove it or pass --force`, exitCodes.failure);
  try {
    writeFileSync(file, content, options.secret ? { mode: 0o600 } : {});
    if (options.secret) chmodSync(file, 0o600);
  } catch (error) {
    throw new PkiCommandFailure(
      `cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      exitCodes.failure,
    );
  }
}

function positiveInteger(value: string, flag: string, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1 || n > max) {
    throw new CliError(
      'CLI_USAGE',
      `${flag} must be a whole number from 1 to ${max} (got ${JSON.stringify(value)})`,
    );
  }
  return n;
}

/** Certificates in a file: PEM blocks (first = leaf) or one DER certificate. */
function certificatesIn(bytes: Buffer, file: string): Uint8Array[] {
  const text = bytes.toString('latin1');
  if (!text.includes('-----BEGIN')) return [new Uint8Array(bytes)];
  const blocks = decodePemBlocks(bytes.toString('utf8'), 1024 * 1024, file).filter(
    (block) => block.label === 'CERTIFICATE',
  );
  if (blocks.length === 0)
    throw new PkiCommandFailure(`${file} holds no CERTIFICATE block`, exitCodes.invalid);
  return blocks.map((block) => block.der);
}

/** Every cf.tls_client_auth.* value a certificate yields on its own (no handshake: verified/revoked are not shown). */
function allFields(facts: ClientAuthFacts): [string, string | boolean][] {
  const p = 'cf.tls_client_auth.';
  return [
    [`${p}cert_presented`, true],
    [`${p}cert_issuer_dn`, facts.issuerDn],
    [`${p}cert_subject_dn`, facts.subjectDn],
    [`${p}cert_issuer_dn_rfc2253`, facts.issuerDnRfc2253],
    [`${p}cert_subject_dn_rfc2253`, facts.subjectDnRfc2253],
    [`${p}cert_issuer_dn_legacy`, facts.issuerDnLegacy],
    [`${p}cert_subject_dn_legacy`, facts.subjectDnLegacy],
    [`${p}cert_serial`, facts.serial],
    [`${p}cert_issuer_serial`, facts.issuerSerial],
    [`${p}cert_fingerprint_sha256`, facts.fingerprintSha256],
    [`${p}cert_fingerprint_sha1`, facts.fingerprintSha1],
    [`${p}cert_not_before`, facts.notBefore],
    [`${p}cert_not_after`, facts.notAfter],
    [`${p}cert_ski`, facts.ski],
    [`${p}cert_issuer_ski`, facts.issuerSki],
    [`${p}cert_rfc9440`, facts.rfc9440],
    [`${p}cert_rfc9440_too_large`, facts.rfc9440TooLarge],
    [`${p}cert_chain_rfc9440`, facts.chainRfc9440],
    [`${p}cert_chain_rfc9440_too_large`, facts.chainRfc9440TooLarge],
  ];
}

const reasons: readonly RevocationReason[] = [
  'unspecified',
  'keyCompromise',
  'cACompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
  'certificateHold',
  'privilegeWithdrawn',
  'aACompromise',
];

/** Parses a serials file: `SERIAL [REASON [ISO-8601 revocation time]]` per line; `#` comments. */
function parseSerials(text: string, file: string, now: Date): CrlEntry[] {
  const entries: CrlEntry[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/#.*/, '').trim();
    if (line === '') return;
    const [serial = '', reason, when, ...rest] = line.split(/[\s,]+/);
    const where = `${file}:${index + 1}`;
    if (rest.length > 0)
      throw new PkiCommandFailure(
        `${where}: expected SERIAL [REASON [TIME]], got ${JSON.stringify(raw)}`,
        exitCodes.invalid,
      );
    const serialHex = normaliseSerialHex(serial);
    if (serialHex === null)
      throw new PkiCommandFailure(
        `${where}: ${JSON.stringify(serial)} is not a hex serial`,
        exitCodes.invalid,
      );
    if (reason !== undefined && !reasons.includes(reason as RevocationReason)) {
      throw new PkiCommandFailure(
        `${where}: unknown reason ${JSON.stringify(reason)}; use one of ${reasons.join(', ')}`,
        exitCodes.invalid,
      );
    }
    const revokedAt = when === undefined ? now : new Date(when);
    if (Number.isNaN(revokedAt.getTime()))
      throw new PkiCommandFailure(
        `${where}: ${JSON.stringify(when)} is not a time (use 2026-01-31T12:00:00Z)`,
        exitCodes.invalid,
      );
    entries.push({
      serialHex,
      revokedAt,
      ...(reason === undefined ? {} : { reason: reason as RevocationReason }),
    });
  });
  return entries;
}

function readCaDir(dir: string): { certificatePem: string; privateKeyPem: string } {
  return {
    certificatePem: readInput(join(dir, 'ca.pem'), 'ca certificate').toString('utf8'),
    privateKeyPem: readInput(join(dir, 'ca.key'), 'ca private key').toString('utf8'),
  };
}

const keyTypeOption = (): Option =>
  new Option('--key-type <type>', 'key type').choices([...keyTypes]).default('ecdsa-p256');

/** Registers `ski`, `ca init`, `cert sign`, `cert keygen` and `crl`. */
export function registerPkiCommands(program: Command): void {
  program
    .command('ski')
    .summary(
      "print a certificate's issuer SKI (for cert_issuer_ski rules), or all its cf.tls_client_auth values",
    )
    .description(
      'Print the issuer SKI of a client certificate, as the rule `cf.tls_client_auth.cert_issuer_ski eq "…"` expects it:\n' +
        'the Authority Key Identifier in uppercase hex, the same as\n' +
        "  openssl x509 -noout -ext authorityKeyIdentifier -in FILE | tail -n1 | tr -d ': '\n" +
        'With --all, print every cf.tls_client_auth.* value the certificate produces. FILE is PEM (leaf first,\n' +
        'then its intermediates, as a client sends them) or DER.',
    )
    .argument('<file>', 'certificate file (PEM or DER)')
    .option('--all', 'print every cf.tls_client_auth.* value, one `name: value` per line')
    .option('--json', 'with --all, print one JSON object instead')
    .action(
      pkiAction(async (file: string, flags: { all?: boolean; json?: boolean }) => {
        const [leaf, ...chain] = certificatesIn(readInput(file, 'certificate'), file);
        const facts = clientAuthFacts(leaf as Uint8Array, chain);
        if (flags.all || flags.json) {
          const fields = allFields(facts);
          if (flags.json) writeLine(process.stdout, JSON.stringify(Object.fromEntries(fields), null, 2));
          else for (const [name, value] of fields) writeLine(process.stdout, `${name}: ${String(value)}`);
          return;
        }
        if (facts.issuerSki === '')
          throw new PkiCommandFailure(`${file} has no authority key identifier`, exitCodes.invalid);
        writeLine(process.stdout, facts.issuerSki);
      }),
    );

  const ca = program
    .command('ca')
    .summary('create a CA in a directory (file-based PKI)')
    .description('File-based CA operations for scripting; the server keeps its own managed CAs.');
  ca.command('init')
    .description('create a CA: DIR/ca.pem (certificate) and DIR/ca.key (private key, mode 0600)')
    .requiredOption('--out <dir>', 'directory to write ca.pem and ca.key into')
    .addOption(keyTypeOption())
    .option('--name <cn>', 'common name of the CA', 'Portcullis CA')
    .option('--days <n>', 'validity in days', '7305')
    .option('--force', 'overwrite an existing CA in DIR')
    .action(
      pkiAction(
        async (flags: { out: string; keyType: KeyType; name: string; days: string; force?: boolean }) => {
          const validityDays = positiveInteger(flags.days, '--days', 36525);
          const created = await createCa({ commonName: flags.name, keyType: flags.keyType, validityDays });
          try {
            mkdirSync(flags.out, { recursive: true });
          } catch (error) {
            throw new PkiCommandFailure(
              `cannot create ${flags.out}: ${(error as NodeJS.ErrnoException).code ?? ''}`,
              exitCodes.failure,
            );
          }
          const force = flags.force === true;
          writeOutput(join(flags.out, 'ca.key'), created.privateKeyPem, { secret: true, force });
          writeOutput(join(flags.out, 'ca.pem'), created.certificatePem, { force });
          writeLine(
            process.stdout,
            `created CA "${created.info.subjectDn}" (${flags.keyType}) in ${flags.out}`,
          );
          writeLine(process.stdout, `  SKI (for cert_issuer_ski): ${created.info.skiHex.toUpperCase()}`);
          writeLine(process.stdout, `  expires: ${created.info.notAfter.toISOString()}`);
        },
      ),
    );

  const cert = program
    .command('cert')
    .summary('make keys and CSRs, sign CSRs with a file-based CA')
    .description('File-based certificate operations for scripting.');
  cert
    .command('sign')
    .description('sign a CSR with the CA in DIR: a client certificate (CA:FALSE, clientAuth, SKI, AKI)')
    .requiredOption('--ca <dir>', 'CA directory (from `portcullis ca init`)')
    .requiredOption('--csr <file>', 'PEM CSR')
    .requiredOption('--days <n>', 'validity in days (capped at the CA expiry)')
    .option('--crl-url <url>', 'CRL distribution point to embed')
    .option('--out <file>', 'write the certificate here instead of stdout')
    .option('--force', 'overwrite --out')
    .action(
      pkiAction(
        async (flags: {
          ca: string;
          csr: string;
          days: string;
          crlUrl?: string;
          out?: string;
          force?: boolean;
        }) => {
          const validityDays = positiveInteger(flags.days, '--days', 3_000_000);
          const csrPem = readInput(flags.csr, 'csr').toString('utf8');
          const issued = await signCsr({
            csrPem,
            ca: readCaDir(flags.ca),
            validityDays,
            ...(flags.crlUrl ? { crlDistributionUrl: flags.crlUrl } : {}),
          });
          if (flags.out === undefined) process.stdout.write(issued.certificatePem);
          else {
            writeOutput(flags.out, issued.certificatePem, { force: flags.force === true });
            writeLine(
              process.stderr,
              `signed ${issued.info.subjectDn}, serial ${issued.info.serialHex}, expires ${issued.info.notAfter.toISOString()}`,
            );
          }
        },
      ),
    );
  cert
    .command('keygen')
    .description('generate a private key and a CSR for it')
    .requiredOption('--subject <dn>', 'subject, OpenSSL style: "/CN=device-1/O=Acme"')
    .addOption(keyTypeOption())
    .option('--out-key <file>', 'private key file (mode 0600)', 'client.key')
    .option('--out-csr <file>', 'CSR file', 'client.csr')
    .option('--force', 'overwrite existing files')
    .action(
      pkiAction(
        async (flags: {
          subject: string;
          keyType: KeyType;
          outKey: string;
          outCsr: string;
          force?: boolean;
        }) => {
          const { privateKeyPem, csrPem } = await generateKeyAndCsr({
            subject: flags.subject,
            keyType: flags.keyType,
          });
          const force = flags.force === true;
          if (!force && existsSync(flags.outCsr))
            throw new PkiCommandFailure(
              `${flags.outCsr} already exists; remove it or pass --force`,
              exitCodes.failure,
            );
          writeOutput(flags.outKey, privateKeyPem, { secret: true, force });
          writeOutput(flags.outCsr, csrPem, { force });
          writeLine(process.stdout, `wrote ${flags.outKey} (${flags.keyType}) and ${flags.outCsr}`);
        },
      ),
    );

  program
    .command('crl')
    .summary('build a signed CRL from a list of serials with a file-based CA')
    .description(
      'Build a CRL signed by the CA in DIR. The serials file has one `SERIAL [REASON [TIME]]` per line\n' +
        '(hex serial; reason such as keyCompromise; ISO-8601 revocation time, default now); # starts a comment.\n' +
        'The CRL number is kept in DIR/crlnumber and increases on every run.',
    )
    .requiredOption('--ca <dir>', 'CA directory (from `portcullis ca init`)')
    .requiredOption('--serials <file>', 'file of revoked serials')
    .option('--next-update-days <n>', 'days until nextUpdate', '7')
    .option('--out <file>', 'write the PEM CRL here instead of stdout')
    .option('--force', 'overwrite --out')
    .action(
      pkiAction(
        async (flags: {
          ca: string;
          serials: string;
          nextUpdateDays: string;
          out?: string;
          force?: boolean;
        }) => {
          const days = positiveInteger(flags.nextUpdateDays, '--next-update-days', 3650);
          const now = new Date();
          const entries = parseSerials(
            readInput(flags.serials, 'serials file').toString('utf8'),
            flags.serials,
            now,
          );
          const numberFile = join(flags.ca, 'crlnumber');
          let crlNumber = 1n;
          if (existsSync(numberFile)) {
            const text = readInput(numberFile, 'crl number').toString('utf8').trim();
            if (!/^\d{1,40}$/.test(text))
              throw new PkiCommandFailure(`${numberFile} must hold a decimal number`, exitCodes.invalid);
            crlNumber = BigInt(text) + 1n;
          }
          const { pem } = await buildCrl({
            ca: readCaDir(flags.ca),
            entries,
            crlNumber,
            thisUpdate: now,
            nextUpdate: new Date(now.getTime() + days * 86_400_000),
          });
          if (flags.out === undefined) process.stdout.write(pem);
          else writeOutput(flags.out, pem, { force: flags.force === true });
          writeOutput(numberFile, `${crlNumber}\n`, { force: true });
          if (flags.out !== undefined)
            writeLine(
              process.stderr,
              `wrote ${flags.out}: CRL number ${crlNumber}, ${entries.length} revoked`,
            );
        },
      ),
    );
}
