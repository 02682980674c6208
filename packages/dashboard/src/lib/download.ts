// Saves text or bytes as a file through a temporary object URL (nothing leaves the browser).
export function downloadText(filename: string, text: string, type = 'application/x-pem-file'): void {
  save(filename, new Blob([text], { type }));
}

/** Saves base64-encoded bytes (e.g. a PKCS#12 file) as a file. */
export function downloadBase64(filename: string, base64: string, type = 'application/x-pkcs12'): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  save(filename, new Blob([bytes], { type }));
}

function save(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
