import { type ApiContext, fail, type MethodHandler } from './api-context.ts';
import { arrayOf, field, get, objectOf } from './json.ts';

/** A file uploaded through Slack's current flow: reserved, its bytes posted, then completed (shared). */
export interface FakeFile {
  id: string;
  filename: string;
  length: number;
  content: string | null;
  title: string | null;
  /** Where completeUploadExternal shared it (a channel or DM), null when not shared / not completed. */
  channel: string | null;
  completed: boolean;
}

/** The fake's files, by id. */
export type FileStore = Map<string, FakeFile>;

const getUploadUrl: MethodHandler = (args, ctx: ApiContext) => {
  const filename = field(args, 'filename');
  const length = Number(field(args, 'length'));
  if (!filename || !Number.isInteger(length) || length <= 0) return fail('invalid_arguments');
  const id = `F0${ctx.files.size + 1}FAKE`;
  ctx.files.set(id, { id, filename, length, content: null, title: null, channel: null, completed: false });
  return { ok: true, upload_url: ctx.uploadUrl(id), file_id: id };
};

const completeUpload: MethodHandler = (args, ctx: ApiContext) => {
  const files = arrayOf(get(args, 'files'));
  if (files.length === 0) return fail('invalid_arguments');
  const done = [];
  for (const entry of files) {
    const file = ctx.files.get(field(objectOf(entry), 'id') ?? '');
    // Like Slack: a file whose bytes never arrived cannot be completed.
    if (file === undefined || file.content === null) return fail('file_not_found');
    file.completed = true;
    file.title = field(objectOf(entry), 'title') ?? file.filename;
    file.channel = field(args, 'channel_id') ?? null;
    done.push({ id: file.id, title: file.title });
  }
  ctx.recorder.changed();
  return { ok: true, files: done };
};

/** files.getUploadURLExternal and files.completeUploadExternal (needs files:write). */
export const fileMethods: Readonly<Record<string, MethodHandler>> = {
  'files.getUploadURLExternal': getUploadUrl,
  'files.completeUploadExternal': completeUpload,
};

/** The bytes posted to an upload URL: a raw body, or the first part of a multipart form. */
export function uploadedContent(body: Buffer, contentType: string | undefined): string {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
  const mark = boundary?.[1] ?? boundary?.[2];
  const text = body.toString('utf8');
  if (!mark) return text;
  const part = text.split(`--${mark}`)[1] ?? '';
  const start = part.indexOf('\r\n\r\n');
  return start === -1 ? '' : part.slice(start + 4).replace(/\r\n$/, '');
}
