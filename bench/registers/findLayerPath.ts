/**
 * Where the places map shows the weapon-sweep layer: read from the signed-in /places page itself (a link whose
 * address names weapon-sweeps, or a form control whose value is weapon-sweeps), so the bench follows the page's
 * own URL scheme; null when the page offers no such layer.
 */
export async function findLayerPath(base: string, cookie: string): Promise<string | null> {
  const res = await fetch(`${base}/places`, { headers: { cookie } });
  if (res.status !== 200) return null;
  const html = (await res.text()).replaceAll('&amp;', '&');
  const link = /href="(\/places[^"]*weapon-sweeps[^"]*)"/.exec(html);
  if (link?.[1]) return link[1];
  const control =
    /<input[^>]*name="([^"]+)"[^>]*value="weapon-sweeps"|<input[^>]*value="weapon-sweeps"[^>]*name="([^"]+)"/.exec(
      html,
    );
  const name = control?.[1] ?? control?.[2];
  if (name) return `/places?${encodeURIComponent(name)}=weapon-sweeps`;
  const option = /<select[^>]*name="([^"]+)"[^>]*>(?:(?!<\/select>)[\s\S])*value="weapon-sweeps"/.exec(html);
  return option?.[1] ? `/places?${encodeURIComponent(option[1])}=weapon-sweeps` : null;
}
