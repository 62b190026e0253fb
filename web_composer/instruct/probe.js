() => {
  // A summary of the rendered page for the compliance check: landmarks, blocks, pictures, text,
  // groups of look-alike siblings (cards), rows of side-by-side children (columns), forms.
  const W = window.innerWidth;
  const style = (el) => getComputedStyle(el);
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    const s = style(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none' &&
      parseFloat(s.opacity || '1') > 0.05;
  };
  const box = (el) => {
    const r = el.getBoundingClientRect();
    return [Math.round(r.left + scrollX), Math.round(r.top + scrollY), Math.round(r.width),
            Math.round(r.height)];
  };
  const parse = (c) => {
    const m = /rgba?\(([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+))?/.exec(c || '');
    return m ? [+m[1], +m[2], +m[3], m[4] === undefined ? 1 : +m[4]] : null;
  };
  const background = (el) => {
    // effective background: blend translucent layers down to the first opaque one
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const s = style(e);
      let c = parse(s.backgroundColor);
      if ((!c || c[3] === 0) && /gradient/.test(s.backgroundImage)) {
        c = parse((/rgba?\([^)]*\)/.exec(s.backgroundImage) || [''])[0]);
      }
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let out = [255, 255, 255];
    for (const c of layers.reverse()) out = out.map((v, i) => v * (1 - c[3]) + c[i] * c[3]);
    return out.map(Math.round);
  };
  const ownText = (el) => Array.from(el.childNodes).filter((n) => n.nodeType === 3)
    .map((n) => n.textContent).join(' ').replace(/\s+/g, ' ').trim();
  const textColour = (el) => {
    // the colour of most of the text inside el
    const weights = new Map();
    for (const e of [el, ...el.querySelectorAll('*')]) {
      const t = ownText(e);
      if (!t || !visible(e)) continue;
      const c = (parse(style(e).color) || [0, 0, 0]).slice(0, 3).join(',');
      weights.set(c, (weights.get(c) || 0) + t.length);
    }
    let best = null; let most = -1;
    for (const [c, w] of weights) if (w > most) { best = c; most = w; }
    return best ? best.split(',').map(Number) : (parse(style(el).color) || [0, 0, 0]).slice(0, 3);
  };
  const words = (el) => ((el.id || '') + ' ' + (typeof el.className === 'string' ? el.className : '') +
    ' ' + (el.getAttribute('role') || '') + ' ' + (el.getAttribute('aria-label') || '')).toLowerCase();
  const heading = (el) => {
    const h = el.querySelector('h1,h2,h3,h4');
    return h ? h.innerText.replace(/\s+/g, ' ').trim().slice(0, 200) : '';
  };
  const landmark = (el, extra) => el ? Object.assign({
    tag: el.tagName.toLowerCase(), box: box(el), bg: background(el), fg: textColour(el),
    words: words(el), heading: heading(el),
    text: el.innerText.replace(/\s+/g, ' ').trim().slice(0, 300)}, extra || {}) : null;

  const inFooter = (el) => !!el.closest('footer,[role=contentinfo]');
  const inHeader = (el) => !!el.closest('header,nav,[role=banner],[role=navigation]');
  const all = Array.from(document.body.querySelectorAll('*')).filter(visible);

  // navigation bar: a nav near the top (not in the footer), its header when it has one
  let nav = all.find((e) => e.matches('nav,[role=navigation]') && !inFooter(e) && box(e)[1] < 400);
  if (!nav) nav = all.find((e) => e.matches('header,[role=banner]') && !inFooter(e));
  if (!nav) nav = all.find((e) => /\b(nav|navbar|header|topbar|menu)\b/.test(words(e)) && box(e)[1] < 200);
  if (!nav) nav = all.find((e) => e.querySelectorAll('a').length >= 3 && box(e)[1] < 150 && box(e)[2] > W * 0.6);
  let bar = nav;
  if (nav) {
    const header = nav.closest('header,[role=banner]');
    if (header && !inFooter(header)) bar = header;
  }
  const footers = all.filter((e) => e.matches('footer,[role=contentinfo]') || /\bfooter\b/.test(words(e)));
  const footer = footers.length ? footers.find((f) => !footers.some((g) => g !== f && g.contains(f))) : null;

  // blocks: sections and the like, with the words that name them
  const blockEls = all.filter((e) => e.matches('section,article,aside,[role=region],main>*,body>*,[id]') &&
    !e.matches('script,style,a,img,span,button,input,label,li,p,h1,h2,h3,h4,h5,h6,br') && box(e)[2] >= W * 0.3 &&
    box(e)[3] >= 40);
  const within = (el) => blockEls.map((b, i) => (b.contains(el) ? i : -1)).filter((i) => i >= 0);
  const blocks = blockEls.map((b) => ({
    tag: b.tagName.toLowerCase(), box: box(b), words: words(b), heading: heading(b),
    text: b.innerText.replace(/\s+/g, ' ').trim().slice(0, 600).toLowerCase(), bg: background(b),
    fg: textColour(b), header: inHeader(b) && !b.matches('main,main *'), footer: inFooter(b),
  }));

  const images = all.filter((e) => e.tagName === 'IMG' || e.matches('svg[role=img],[role=img]'))
    .map((e) => ({box: box(e), alt: (e.getAttribute('alt') || e.getAttribute('aria-label') || '').toLowerCase(),
      src: (e.getAttribute('src') || '').split('/').pop().toLowerCase(), words: words(e) + ' ' + words(e.parentElement),
      header: inHeader(e), footer: inFooter(e), blocks: within(e)}));

  const texts = all.filter((e) => ownText(e).length >= 20 && !e.matches('a,button,label,script,style'))
    .map((e) => ({box: box(e), length: ownText(e).length, text: ownText(e).slice(0, 80),
      header: inHeader(e), footer: inFooter(e), blocks: within(e)}));

  // groups of look-alike siblings (cards, tiers, people) and rows of side-by-side children
  const groups = []; const rows = [];
  for (const parent of all) {
    const kids = Array.from(parent.children).filter((k) => visible(k) && box(k)[2] >= 100 && box(k)[3] >= 40);
    if (kids.length < 2) continue;
    const pb = background(parent);
    const buckets = new Map();
    for (const k of kids) {
      const key = k.tagName + ':' + Math.round(box(k)[2] / 12);
      if (!buckets.has(k.tagName + ':' + Math.round(box(k)[2] / 12))) buckets.set(key, []);
      buckets.get(key).push(k);
    }
    for (const members of buckets.values()) {
      if (members.length < 2) continue;
      const content = members.every((k) => k.innerText.trim().length >= 3 || k.querySelector('img,svg'));
      if (!content) continue;
      const boxed = members.every((k) => {
        const s = style(k);
        return background(k).join() !== pb.join() || parseFloat(s.borderTopWidth) > 0 ||
          parseFloat(s.borderLeftWidth) > 0 || (s.boxShadow && s.boxShadow !== 'none') ||
          /card/.test(words(k)) || !!k.querySelector('img') || !!k.querySelector('h2,h3,h4,h5,strong');
      });
      groups.push({count: members.length, boxed, box: box(parent), blocks: within(parent),
        header: inHeader(parent), footer: inFooter(parent), tag: members[0].tagName.toLowerCase(),
        images: members.filter((k) => k.querySelector('img,svg[role=img]') || k.tagName === 'IMG').length});
    }
    const wide = kids.filter((k) => box(k)[2] >= 120);
    let widest = [];
    for (const k of wide) {
      // the children that share k's horizontal band (tops may differ when centred)
      const [, y, , h] = box(k);
      const row = wide.filter((o) => {
        const b = box(o);
        return (b[1] <= y + h / 2 && y + h / 2 <= b[1] + b[3]) || (y <= b[1] + b[3] / 2 && b[1] + b[3] / 2 <= y + h);
      });
      if (row.length > widest.length) widest = row;
    }
    if (widest.length >= 1) {
      const covered = widest.reduce((s, k) => s + box(k)[2], 0) / Math.max(1, box(parent)[2]);
      rows.push({count: widest.length, coverage: Math.round(covered * 100) / 100, box: box(parent),
        blocks: within(parent), header: inHeader(parent), footer: inFooter(parent)});
    }
  }

  const forms = all.filter((e) => e.tagName === 'FORM' || e.querySelector('input,textarea'))
    .filter((e) => e.tagName === 'FORM').map((f) => ({
      box: box(f), inputs: f.querySelectorAll('input:not([type=hidden]),textarea,select').length,
      buttons: f.querySelectorAll('button,input[type=submit],input[type=button]').length, blocks: within(f)}));
  const buttons = all.filter((e) => e.matches('button,input[type=submit],input[type=button],[role=button]') ||
      (e.tagName === 'A' && /\b(btn|button|cta)/.test(words(e))))
    .map((e) => ({box: box(e), bg: background(e), text: (e.innerText || e.value || '').trim().slice(0, 120)}));

  const hero = all.find((e) => /\b(hero|banner|jumbotron|masthead|splash)/.test(words(e)) && !inFooter(e));
  const h1 = all.find((e) => e.tagName === 'H1');
  let heroBlock = hero;
  if (!heroBlock && h1) heroBlock = blockEls.filter((b) => b.contains(h1) && !b.matches('main,body>main'))
    .sort((a, b) => box(a)[2] * box(a)[3] - box(b)[2] * box(b)[3])[0] || null;
  // short texts (for quoted words and named items), links and where they go, tables
  const heroEl = () => hero || heroBlock;
  const norm = (t) => (t || '').replace(/\s+/g, ' ').trim();
  const elements = all.filter((e) => e.matches('h1,h2,h3,h4,h5,h6,p,li,td,th,dt,dd,summary,figcaption,' +
      'label,a,button,strong,b,em,span,blockquote,caption,legend,div,small,time,address,option') &&
      norm(e.innerText).length > 0 && norm(e.innerText).length <= 200)
    .slice(0, 3000).map((e) => ({tag: e.tagName.toLowerCase(), text: norm(e.innerText), box: box(e),
      header: inHeader(e), footer: inFooter(e), hero: !!(heroEl() && heroEl().contains(e)), blocks: within(e),
      button: e.matches('button,input[type=submit],[role=button]') || (e.tagName === 'A' && /\b(btn|button|cta)/.test(words(e))),
      align: style(e).textAlign}));
  const links = all.filter((e) => e.tagName === 'A' && e.getAttribute('href') !== null).map((a) => {
    const href = a.getAttribute('href');
    let target = null;
    if (href.startsWith('#') && href.length > 1) {
      const t = document.getElementById(decodeURIComponent(href.slice(1)));
      target = t ? {id: t.id, box: box(t), heading: heading(t)} : false;
    }
    return {text: norm(a.innerText), href, target, header: inHeader(a), footer: inFooter(a), box: box(a)};
  });
  const tables = all.filter((e) => e.tagName === 'TABLE' || e.matches('[role=table],[role=grid]')).map((t) => {
    const rows = Array.from(t.querySelectorAll('tr,[role=row]')).filter(visible);
    const body = rows.filter((r) => !r.closest('thead') && !Array.from(r.children).every((c) => c.tagName === 'TH'));
    return {rows: body.length, cols: Math.max(0, ...rows.map((r) => r.children.length)), box: box(t), blocks: within(t),
      headers: Array.from(t.querySelectorAll('th,[role=columnheader]')).map((h) => norm(h.innerText)),
      cells: body.map((r) => Array.from(r.children).map((c) => norm(c.innerText)))};
  });
  const controls = all.filter((e) => e.matches('input:not([type=hidden]):not([type=submit]):not([type=button]),textarea,select'))
    .map((c) => {
      const label = (c.id && document.querySelector(`label[for="${CSS.escape(c.id)}"]`)) || c.closest('label');
      return {label: norm([label ? label.innerText : '', c.getAttribute('placeholder') || '', c.getAttribute('aria-label') || '',
        c.getAttribute('name') || ''].join(' ')), type: c.getAttribute('type') || c.tagName.toLowerCase(), box: box(c)};
    });
  const maps = all.filter((e) => /\bmap\b|地图/i.test(words(e) + ' ' + (e.getAttribute('alt') || '') + ' ' +
      (e.tagName === 'IFRAME' ? (e.getAttribute('src') || '') : ''))).map((e) => ({box: box(e), blocks: within(e)}));
  const page = document.body;
  return {
    url: location.href, width: W, scrollWidth: document.documentElement.scrollWidth,
    height: document.documentElement.scrollHeight, title: document.title,
    text: document.body.innerText.replace(/\s+/g, ' ').slice(0, 20000),
    headings: Array.from(document.querySelectorAll('h1,h2,h3')).map((h) => h.innerText.trim()).slice(0, 60),
    nav: landmark(bar, {links: nav ? nav.querySelectorAll('a').length : 0, navBox: nav ? box(nav) : null}),
    footer: landmark(footer), hero: landmark(heroBlock),
    page: {bg: background(page), fg: textColour(page)},
    blocks, images, texts, groups, rows, forms, buttons, elements, links, tables, controls, maps,
  };
}
