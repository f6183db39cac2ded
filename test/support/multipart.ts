import { randomBytes } from 'node:crypto';

export type MultipartFile = { field: string; filename: string; content: Buffer; contentType?: string };

/**
 * A multipart/form-data body built in memory, to send with one `.send(body)`.
 *
 * supertest's `.attach()` streams the parts in several writes and asks for `Connection: close`;
 * when the API refuses a request from its headers alone (401, 403) it answers and closes the socket
 * while the client is still writing, and the client's next write fails with EPIPE. One small write
 * lands in the socket before the answer can, so a refusal reads as a refusal.
 */
export function multipartBody(fields: Record<string, string>, file?: MultipartFile): { contentType: string; body: Buffer } {
  const boundary = `----compact${randomBytes(12).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    const type = file.contentType ?? 'application/octet-stream';
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.filename}"\r\nContent-Type: ${type}\r\n\r\n`));
    parts.push(file.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat(parts) };
}
