/** Saves `href` (an object or data URL) as a file named `name` through the browser's download. */
export function saveAs(href: string, name: string): void {
  const link = document.createElement('a');
  link.href = href;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
}

/** Saves a blob as a file named `name`; its object URL is released once the download has it. */
export function saveBlob(blob: Blob, name: string): void {
  const href = URL.createObjectURL(blob);
  saveAs(href, name);
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

/** The file name the service gave in Content-Disposition (it generates it, never from input); null without a plain one. */
export function attachmentName(response: Response): string | null {
  const name = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1];
  return name && /^[\w.-]+$/.test(name) ? name : null;
}
