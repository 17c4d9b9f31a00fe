/** Default size of an embedded chart, in CSS pixels. */
export const EMBED_SIZE = { width: 800, height: 480 };

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The HTML to paste into another page: an iframe of `url`, with a title for screen readers. */
export function embedSnippet(url: string, title: string, size = EMBED_SIZE): string {
  return (
    `<iframe src="${escapeAttribute(url)}" title="${escapeAttribute(title)}" width="${size.width}" height="${size.height}" ` +
    `style="border: 0" loading="lazy"></iframe>`
  );
}
