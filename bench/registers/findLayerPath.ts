/**
 * Where the places map shows the weapon-sweep layer: read from the signed-in places page itself (a link whose
 * address names weapon-sweeps, or a form control whose value is weapon-sweeps), so the bench follows the page's
 * own URL scheme; null when the page offers no such layer.
 */
export async function findLayerPath(base: string, cookie: string): Promise<string | null> {
  for (const start of ['/dashboard/places', '/places']) {
    const res = await fetch(`${base}${start}`, { headers: { cookie } });
    if (res.status !== 200) continue;
    const page = new URL(res.url).pathname;
    const html = (await res.text()).replaceAll('&amp;', '&');
    const link = /href="(\/(?:dashboard\/)?places[^"]*weapon-sweeps[^"]*)"/.exec(html);
    if (link?.[1]) return link[1];
    const input =
      /<input[^>]*name="([^"]+)"[^>]*value="weapon-sweeps"|<input[^>]*value="weapon-sweeps"[^>]*name="([^"]+)"/.exec(
        html,
      );
    const select = /<select[^>]*name="([^"]+)"[^>]*>(?:(?!<\/select>)[\s\S])*value="weapon-sweeps"/.exec(html);
    const name = input?.[1] ?? input?.[2] ?? select?.[1];
    if (name) return `${page}?${encodeURIComponent(name)}=weapon-sweeps`;
  }
  return null;
}
