/* The header search: this language's own index, paragraph by paragraph.
 *
 * The index is written after the build by build_tools/site/search.py under the language's
 * root (search/ for Chinese, en/search/ for English); this script reads only the index of
 * the page's own language (the URL comes from theme/partials/search.html), so an English
 * page never gets Chinese results and a Chinese page never English ones.
 *
 * Text to terms, exactly as search.py does it (a browser test compares the two on every
 * record of the collection): each character folded on its own (NFKC, lower case, NFD
 * without combining marks); runs of Han characters give overlapping bigrams and their last
 * character; other runs of letters and digits are words, Porter-stemmed in English.
 *
 * A query is looked up by its terms (at most four bigrams of each Han run, spread over it;
 * its words but the stop words; the last word, while being typed, as a prefix; six terms
 * at most, spread over the query): the records that have them all are ranked by BM25
 * (records, not pages: a paragraph is a result), and the documents of the best are
 * downloaded and checked: in Chinese a record must contain the query itself (its Han
 * characters and words in order, punctuation and spaces aside), in English every word of
 * it (stemmed); records that also contain the exact phrase rank higher. Each query
 * downloads the meta file once, the term chunks of its terms and the documents it shows.
 *
 * Nothing is requested from any other site. Without the index (mkdocs serve) the search
 * box says so.
 */
(function () {
  "use strict";

  /* ---- text to terms (mirrors build_tools/site/search.py) ------------------------------ */

  var HAN_RANGES = [[0x3007, 0x3007], [0x3400, 0x4DBF], [0x4E00, 0x9FFF], [0xF900, 0xFAFF],
    [0x20000, 0x2A6DF], [0x2A700, 0x2EBEF], [0x2F800, 0x2FA1F], [0x30000, 0x323AF]];
  var HAN = HAN_RANGES.map(function (r) {
    return "\\u{" + r[0].toString(16) + "}-\\u{" + r[1].toString(16) + "}";
  }).join("");
  var TOKEN = new RegExp("[" + HAN + "]+|(?:(?![" + HAN + "])[\\p{L}\\p{N}])+", "gu");
  var HAN_RUN = new RegExp("^[" + HAN + "]+$", "u");
  var MARKS = /\p{M}/gu;
  var ASCII_WORD = /^[a-z]+$/;
  var foldCache = new Map();

  function foldChar(ch) {
    var folded = foldCache.get(ch);
    if (folded === undefined) {
      folded = ch.normalize("NFKC").toLowerCase().normalize("NFD").replace(MARKS, "");
      foldCache.set(ch, folded);
    }
    return folded;
  }

  /* The folded text and, for each of its UTF-16 units, the original character's range. */
  function foldText(text) {
    var parts = [], starts = [], ends = [];
    for (var i = 0; i < text.length;) {
      var ch = String.fromCodePoint(text.codePointAt(i));
      var folded = foldChar(ch);
      for (var k = 0; k < folded.length; k++) { starts.push(i); ends.push(i + ch.length); }
      parts.push(folded);
      i += ch.length;
    }
    return { text: parts.join(""), starts: starts, ends: ends };
  }

  /* Runs of Han characters and of other letters and digits: [{value, han, start, end}]. */
  function tokens(text) {
    var folded = foldText(text), out = [], match;
    TOKEN.lastIndex = 0;
    while ((match = TOKEN.exec(folded.text)) !== null) {
      var at = match.index, last = at + match[0].length - 1;
      out.push({ value: match[0], han: HAN_RUN.test(match[0]), start: folded.starts[at],
        end: folded.ends[last], at: at, folded: folded });
    }
    return out;
  }

  /* Units: each Han character, each word; with its place in the original text. */
  function units(text, lang) {
    var out = [];
    tokens(text).forEach(function (token) {
      if (!token.han) {
        out.push({ value: token.value, han: false, start: token.start, end: token.end,
          stem: lang === "en" && ASCII_WORD.test(token.value) ? porter(token.value) : token.value });
        return;
      }
      var f = token.folded, at = token.at;
      Array.from(token.value).forEach(function (ch) {
        out.push({ value: ch, han: true, start: f.starts[at], end: f.ends[at + ch.length - 1], stem: ch });
        at += ch.length;
      });
    });
    return out;
  }

  function termsOf(text, lang, stop) {
    var found = {}, length = 0;
    function add(term) { found[term] = (found[term] || 0) + 1; }
    tokens(text).forEach(function (token) {
      if (token.han) {
        var chars = Array.from(token.value);
        length += chars.length;
        for (var i = 0; i + 1 < chars.length; i++) add(chars[i] + chars[i + 1]);
        add(chars[chars.length - 1]);
        return;
      }
      length += 1;
      if (stop.has(token.value)) return;
      add(lang === "en" && ASCII_WORD.test(token.value) ? porter(token.value) : token.value);
    });
    return { terms: found, length: length };
  }

  /* ---- Porter's stemmer (the reference implementation's variant, as search.py) --------- */

  function consonant(w, i) {
    var c = w[i];
    if ("aeiou".indexOf(c) >= 0) return false;
    return c !== "y" || i === 0 || !consonant(w, i - 1);
  }

  function measure(stem) {
    var pattern = "";
    for (var i = 0; i < stem.length; i++) pattern += consonant(stem, i) ? "c" : "v";
    var found = pattern.match(/v+c+/g);
    return found ? found.length : 0;
  }

  function hasVowel(stem) {
    for (var i = 0; i < stem.length; i++) if (!consonant(stem, i)) return true;
    return false;
  }

  function cvc(w) {
    var n = w.length;
    return n >= 3 && consonant(w, n - 1) && !consonant(w, n - 2) && consonant(w, n - 3) &&
      "wxy".indexOf(w[n - 1]) < 0;
  }

  var STEP2 = [["ational", "ate"], ["tional", "tion"], ["enci", "ence"], ["anci", "ance"],
    ["izer", "ize"], ["bli", "ble"], ["alli", "al"], ["entli", "ent"], ["eli", "e"], ["ousli", "ous"],
    ["ization", "ize"], ["ation", "ate"], ["ator", "ate"], ["alism", "al"], ["iveness", "ive"],
    ["fulness", "ful"], ["ousness", "ous"], ["aliti", "al"], ["iviti", "ive"], ["biliti", "ble"],
    ["logi", "log"]];
  var STEP3 = [["icate", "ic"], ["ative", ""], ["alize", "al"], ["iciti", "ic"], ["ical", "ic"],
    ["ful", ""], ["ness", ""]];
  var STEP4 = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion",
    "ou", "ism", "ate", "iti", "ous", "ive", "ize"];

  function ends(w, suffix) { return w.length >= suffix.length && w.slice(-suffix.length) === suffix; }

  function replace(w, rules) {
    for (var i = 0; i < rules.length; i++) {
      if (ends(w, rules[i][0])) {
        var stem = w.slice(0, w.length - rules[i][0].length);
        return measure(stem) > 0 ? stem + rules[i][1] : w;
      }
    }
    return w;
  }

  function step1(w) {
    if (ends(w, "sses") || ends(w, "ies")) w = w.slice(0, -2);
    else if (ends(w, "s") && !ends(w, "ss")) w = w.slice(0, -1);
    if (ends(w, "eed")) {
      if (measure(w.slice(0, -3)) > 0) w = w.slice(0, -1);
    } else if ((ends(w, "ed") && hasVowel(w.slice(0, -2))) || (ends(w, "ing") && hasVowel(w.slice(0, -3)))) {
      w = ends(w, "ed") ? w.slice(0, -2) : w.slice(0, -3);
      if (ends(w, "at") || ends(w, "bl") || ends(w, "iz")) w += "e";
      else if (w.length >= 2 && w[w.length - 1] === w[w.length - 2] && consonant(w, w.length - 1)) {
        if ("lsz".indexOf(w[w.length - 1]) < 0) w = w.slice(0, -1);
      } else if (measure(w) === 1 && cvc(w)) w += "e";
    }
    if (ends(w, "y") && hasVowel(w.slice(0, -1))) w = w.slice(0, -1) + "i";
    return w;
  }

  function step4(w) {
    for (var i = 0; i < STEP4.length; i++) {
      var suffix = STEP4[i];
      if (ends(w, suffix)) {
        var stem = w.slice(0, w.length - suffix.length);
        if (suffix === "ion" && !(ends(stem, "s") || ends(stem, "t"))) return w;
        return measure(stem) > 1 ? stem : w;
      }
    }
    return w;
  }

  var stems = new Map();

  function porter(word) {
    var stem = stems.get(word);
    if (stem === undefined) {
      stem = stemOf(word);
      stems.set(word, stem);
    }
    return stem;
  }

  function stemOf(w) {
    if (w.length <= 2) return w;
    w = step4(replace(replace(step1(w), STEP2), STEP3));
    if (ends(w, "e")) {
      var m = measure(w.slice(0, -1));
      if (m > 1 || (m === 1 && !cvc(w.slice(0, -1)))) w = w.slice(0, -1);
    }
    if (ends(w, "ll") && measure(w) > 1) w = w.slice(0, -1);
    return w;
  }

  /* ---- the index files ----------------------------------------------------------------- */

  async function gunzip(response) {
    if (!response.ok) throw new Error(response.url + ": HTTP " + response.status);
    var bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes; // the server decoded it already
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  }

  function decodeChunk(bytes) {
    var pos = 0, terms = new Map(), decoder = new TextDecoder();
    function varint() {
      var value = 0, scale = 1, byte;
      do { byte = bytes[pos++]; value += (byte & 0x7f) * scale; scale *= 128; } while (byte & 0x80);
      return value;
    }
    for (var n = varint(); n > 0; n--) {
      var length = varint();
      var term = decoder.decode(bytes.subarray(pos, pos + length));
      pos += length;
      var count = varint(), ids = new Int32Array(count), tf = new Uint16Array(count), q = new Uint8Array(count);
      for (var i = 0, id = 0; i < count; i++) {
        id += varint();
        ids[i] = id;
        tf[i] = varint();
        q[i] = bytes[pos++];
      }
      terms.set(term, { ids: ids, tf: tf, q: q });
    }
    return terms;
  }

  function Index(base) {
    this.base = base;
    this.chunks = new Map();
    this.docs = new Map();
    this.meta = null;
  }

  Index.prototype.load = function () {
    var self = this;
    if (!this.ready) {
      this.ready = fetch(this.base + "meta.json.gz", { cache: "no-cache" }).then(gunzip).then(function (bytes) {
        var meta = JSON.parse(new TextDecoder().decode(bytes));
        self.meta = meta;
        self.stop = new Set(meta.stop);
        self.firsts = Int32Array.from(meta.docs.map(function (row) { return row[0]; }));
        return self;
      });
      this.ready.catch(function () { self.ready = null; });
    }
    return this.ready;
  };

  Index.prototype.file = function (path) {
    return fetch(this.base + path + "?v=" + this.meta.build).then(gunzip);
  };

  Index.prototype.chunk = function (number) {
    var self = this;
    if (!this.chunks.has(number)) {
      var loading = this.file("terms/" + number + ".gz").then(decodeChunk);
      loading.catch(function () { self.chunks.delete(number); });
      this.chunks.set(number, loading);
    }
    return this.chunks.get(number);
  };

  Index.prototype.doc = function (number) {
    var self = this;
    if (!this.docs.has(number)) {
      var loading = this.file("docs/" + number + ".json.gz").then(function (bytes) {
        return JSON.parse(new TextDecoder().decode(bytes));
      });
      loading.catch(function () { self.docs.delete(number); });
      this.docs.set(number, loading);
    }
    return this.docs.get(number);
  };

  /* Chunks that may hold the term (exact) or terms starting with it (prefix). */
  Index.prototype.chunksFor = function (term, prefix) {
    var chunks = this.meta.chunks, found = [];
    var high = prefix ? term + "\uffff" : term;
    for (var i = 0; i < chunks.length; i++) {
      if (chunks[i][1] >= term && chunks[i][0] <= high) found.push(i);
    }
    return found;
  };

  Index.prototype.docOf = function (record) {
    var firsts = this.firsts, low = 0, high = firsts.length - 1;
    while (low < high) {
      var middle = (low + high + 1) >> 1;
      if (firsts[middle] <= record) low = middle; else high = middle - 1;
    }
    return low;
  };

  /* ---- queries ------------------------------------------------------------------------- */

  var MAX_BIGRAMS = 4, MAX_GROUPS = 6;
  var K1 = 1.2, B = 0.75;

  /* What to look up: groups of terms (a record must match every group) and the units the
     records are checked against. */
  function parseQuery(raw, lang, stop) {
    var query = raw.normalize("NFKC");
    var open = /[\p{L}\p{N}]$/u.test(query);
    var found = tokens(query), groups = [], singles = [];
    found.forEach(function (token, i) {
      var last = i === found.length - 1;
      if (token.han) {
        var chars = Array.from(token.value);
        if (chars.length === 1) { singles.push({ terms: [chars[0]], prefix: true }); return; }
        var bigrams = [];
        for (var k = 0; k + 1 < chars.length; k++) bigrams.push(chars[k] + chars[k + 1]);
        spread(bigrams, MAX_BIGRAMS).forEach(function (bigram) { groups.push({ terms: [bigram], prefix: false }); });
        return;
      }
      var word = token.value;
      if (stop.has(word)) return;
      var stem = lang === "en" && ASCII_WORD.test(word) ? porter(word) : word;
      if (last && open && word.length >= 2) groups.push({ terms: unique([word, stem]), prefix: true });
      else groups.push({ terms: [stem], prefix: false });
    });
    if (!groups.length) groups = singles;
    // A long query (a treaty's full title) is looked up by a few of its terms, spread over
    // it: the records found are then checked against all of it.
    return { groups: spread(groups, MAX_GROUPS), units: units(query, lang), open: open, lang: lang, stop: stop };
  }

  function unique(values) { return values.filter(function (v, i) { return values.indexOf(v) === i; }); }

  function spread(items, most) {
    if (items.length <= most) return items;
    var out = [];
    for (var i = 0; i < most; i++) out.push(items[Math.round(i * (items.length - 1) / (most - 1))]);
    return unique(out);
  }

  /* Records having every group, with their BM25 scores. */
  async function candidates(index, query, allowed) {
    var meta = index.meta;
    var lists = await Promise.all(query.groups.map(async function (group) {
      var postings = [];
      for (var i = 0; i < group.terms.length; i++) {
        var term = group.terms[i];
        var chunks = await Promise.all(index.chunksFor(term, group.prefix).map(function (n) { return index.chunk(n); }));
        chunks.forEach(function (chunk) {
          if (!group.prefix) { if (chunk.has(term)) postings.push(chunk.get(term)); return; }
          chunk.forEach(function (list, key) { if (key.startsWith(term)) postings.push(list); });
        });
      }
      return unique(postings);
    }));
    var scores = null;
    lists.sort(function (a, b) { return size(a) - size(b); });
    for (var g = 0; g < lists.length; g++) {
      var next = new Map();
      lists[g].forEach(function (list) {
        var idf = Math.log(1 + (meta.records - list.ids.length + 0.5) / (list.ids.length + 0.5));
        for (var i = 0; i < list.ids.length; i++) {
          var id = list.ids[i];
          if (scores !== null && !scores.has(id)) continue;
          var length = Math.exp(list.q[i] / 16) - 1, tf = list.tf[i];
          var score = idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / meta.avgdl));
          next.set(id, (next.get(id) || 0) + score);
        }
      });
      if (scores !== null) next.forEach(function (score, id) { next.set(id, score + scores.get(id)); });
      scores = next;
      if (!scores.size) break;
    }
    var out = [];
    (scores || new Map()).forEach(function (score, id) {
      var doc = index.docOf(id);
      if (allowed(doc)) out.push({ id: id, doc: doc, score: score });
    });
    return out.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
  }

  function size(lists) { return lists.reduce(function (n, list) { return n + list.ids.length; }, 0); }

  function sameUnit(query, record, open) {
    if (query.han !== record.han) return false;
    if (query.value === record.value || query.stem === record.stem) return true;
    return open && !query.han && record.value.startsWith(query.value);
  }

  /* Where the record matches: spans [start, end) in its text, and whether it contains the
     query itself (in order); null when it does not match. */
  function check(query, text) {
    var record = units(text, query.lang), wanted = query.units, n = wanted.length;
    var spans = [], phrase = 0;
    for (var i = 0; i + n <= record.length && n > 0; i++) {
      var k = 0;
      while (k < n && sameUnit(wanted[k], record[i + k], query.open && k === n - 1)) k++;
      if (k === n) { spans.push([record[i].start, record[i + n - 1].end]); phrase++; }
    }
    if (query.lang !== "en") return phrase ? { spans: spans, phrase: phrase } : null;
    var words = wanted.filter(function (unit) { return unit.han || !query.stop.has(unit.value); });
    for (var w = 0; w < words.length; w++) {
      var open = query.open && words[w] === wanted[n - 1], hits = 0;
      for (var r = 0; r < record.length; r++) {
        if (sameUnit(words[w], record[r], open)) { spans.push([record[r].start, record[r].end]); hits++; }
      }
      if (!hits) return null;
    }
    return { spans: merge(spans), phrase: phrase };
  }

  function merge(spans) {
    spans.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var out = [];
    spans.forEach(function (span) {
      var last = out[out.length - 1];
      if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
      else out.push([span[0], span[1]]);
    });
    return out;
  }

  /* The hits of a document among the candidates: checked, ranked, with their spans. */
  function hitsOf(query, data, candidates, first) {
    var hits = [];
    candidates.forEach(function (candidate) {
      var record = data.records[candidate.id - first];
      var found = record && check(query, record[2]);
      if (!found) return;
      hits.push({ anchor: record[0], kind: record[1], text: record[2], spans: found.spans,
        score: candidate.score * (found.phrase ? 1.5 : 1) });
    });
    return hits.sort(function (a, b) { return b.score - a.score; });
  }

  /* ---- the search box ------------------------------------------------------------------ */

  var DOCS_PER_PAGE = 10, HITS_SHOWN = 3, DEBOUNCE = 60;
  var EXCERPT = { zh: [40, 150], en: [80, 300] };

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) { return key in values ? values[key] : whole; });
  }

  /* The text of a record cut around its first match, with the matches marked. */
  function excerpt(text, spans, lang) {
    var sizes = EXCERPT[lang] || EXCERPT.en, from = 0, to = text.length;
    if (text.length > sizes[1]) {
      from = Math.max(0, (spans.length ? spans[0][0] : 0) - sizes[0]);
      if (lang === "en" && from > 0) from = Math.max(0, text.indexOf(" ", from) + 1 || from);
      to = Math.min(text.length, from + sizes[1]);
      if (lang === "en" && to < text.length) to = Math.max(from + 1, text.lastIndexOf(" ", to));
    }
    var out = element("p", "un-search__excerpt"), at = from;
    if (from > 0) out.appendChild(document.createTextNode("…"));
    spans.forEach(function (span) {
      var start = Math.max(span[0], at), end = Math.min(span[1], to);
      if (end <= start) return;
      out.appendChild(document.createTextNode(text.slice(at, start)));
      out.appendChild(element("mark", "", text.slice(start, end)));
      at = end;
    });
    out.appendChild(document.createTextNode(text.slice(at, to) + (to < text.length ? "…" : "")));
    return out;
  }

  function SearchBox(root) {
    this.root = root;
    this.lang = document.documentElement.lang || "en";
    this.labels = JSON.parse(root.getAttribute("data-un-labels") || "{}");
    var base = new URL(root.getAttribute("data-un-search"), location.href);
    this.site = new URL("../", base);
    this.index = new Index(base.href);
    this.input = root.querySelector(".md-search__input");
    this.form = root.querySelector(".md-search__form");
    this.status = root.querySelector(".un-search__status");
    this.list = root.querySelector(".un-search__list");
    this.filters = root.querySelector(".un-search__filters");
    this.more = root.querySelector(".un-search__more");
    this.toggle = document.getElementById("__search");
    this.sequence = 0;
    this.timer = 0;
    this.composing = false;
    this.bind();
  }

  SearchBox.prototype.label = function (key, values) {
    return format(this.labels[key] || key, values || {});
  };

  SearchBox.prototype.bind = function () {
    var self = this;
    this.input.addEventListener("focus", function () {
      if (self.toggle && !self.toggle.checked) self.toggle.checked = true; // opens the box (CSS)
      self.prepare();
    });
    this.input.addEventListener("compositionstart", function () { self.composing = true; });
    this.input.addEventListener("compositionend", function () { self.composing = false; self.schedule(); });
    this.input.addEventListener("input", function (event) {
      if (!event.isComposing && !self.composing) self.schedule();
    });
    this.input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") { event.preventDefault(); self.move(1); }
    });
    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      var first = self.list.querySelector("a.un-search__hit");
      if (first) first.click();
    });
    this.form.addEventListener("reset", function () {
      setTimeout(function () { self.run(""); self.input.focus(); }, 0);
    });
    this.list.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        self.move(event.key === "ArrowDown" ? 1 : -1);
      }
    });
    this.list.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a");
      if (link && link.pathname === location.pathname) self.close();
    });
    this.more.addEventListener("click", function () { self.showMore(); });
    if (this.toggle) {
      this.toggle.addEventListener("change", function () {
        if (self.toggle.checked) setTimeout(function () { self.input.focus(); }, 50);
        else self.input.blur();
      });
    }
    document.addEventListener("keydown", function (event) { self.shortcut(event); });
  };

  SearchBox.prototype.shortcut = function (event) {
    if (event.metaKey || event.ctrlKey || event.altKey) return;
    var open = this.toggle && this.toggle.checked;
    if (open && event.key === "Escape") { event.preventDefault(); this.close(); return; }
    var active = document.activeElement;
    if (open || (active && (active.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName)))) return;
    if (event.key === "/" || event.key === "s" || event.key === "f") {
      event.preventDefault();
      this.open();
    }
  };

  SearchBox.prototype.open = function (query) {
    if (this.toggle && !this.toggle.checked) this.toggle.checked = true;
    if (query !== undefined) { this.input.value = query; this.schedule(0); }
    this.input.focus();
  };

  SearchBox.prototype.close = function () {
    if (this.toggle) this.toggle.checked = false;
    this.input.blur();
  };

  SearchBox.prototype.move = function (step) {
    var links = Array.prototype.slice.call(this.list.querySelectorAll("a.un-search__hit, button"));
    var at = links.indexOf(document.activeElement) + step;
    if (at < 0) { this.input.focus(); return; }
    if (at < links.length) links[at].focus();
  };

  SearchBox.prototype.prepare = function () {
    var self = this;
    return this.index.load().then(function () { self.buildFilters(); }, function () {
      self.setStatus(self.label("unavailable"));
    });
  };

  SearchBox.prototype.buildFilters = function () {
    if (this.filters.childElementCount) return;
    var self = this;
    this.index.meta.filters.forEach(function (filter) {
      var field = element("label", "un-search__filter");
      field.appendChild(element("span", "un-search__filter-name", filter.label));
      var select = element("select");
      select.name = filter.name;
      select.appendChild(new Option(self.label("all"), ""));
      filter.values.forEach(function (value, i) { select.appendChild(new Option(value[1], String(i))); });
      select.addEventListener("change", function () { self.schedule(0); });
      field.appendChild(select);
      self.filters.appendChild(field);
    });
    this.filters.hidden = false;
  };

  SearchBox.prototype.allowed = function () {
    var chosen = [], rows = this.index.meta.docs;
    Array.prototype.forEach.call(this.filters.querySelectorAll("select"), function (select, i) {
      if (select.value !== "") chosen.push([i + 1, Number(select.value)]);
    });
    return function (doc) {
      return chosen.every(function (pair) { return rows[doc][pair[0]] === pair[1]; });
    };
  };

  SearchBox.prototype.schedule = function (delay) {
    var self = this;
    clearTimeout(this.timer);
    this.root.removeAttribute("data-un-results");
    this.timer = setTimeout(function () { self.run(self.input.value); }, delay === undefined ? DEBOUNCE : delay);
  };

  SearchBox.prototype.setStatus = function (text) { this.status.textContent = text; };

  SearchBox.prototype.run = async function (raw) {
    var sequence = ++this.sequence;
    this.list.textContent = "";
    this.more.hidden = true;
    this.root.removeAttribute("data-un-results");
    this.results = null;
    if (!raw.trim()) { this.setStatus(this.label("hint")); return; }
    this.setStatus(this.label("loading"));
    try {
      await this.prepare();
      if (!this.index.meta) return;
      var query = parseQuery(raw, this.index.meta.lang, this.index.stop);
      var found = query.groups.length ? await candidates(this.index, query, this.allowed()) : [];
      if (sequence !== this.sequence) return;
      var byDoc = new Map();
      found.forEach(function (candidate) {
        if (!byDoc.has(candidate.doc)) byDoc.set(candidate.doc, []);
        byDoc.get(candidate.doc).push(candidate);
      });
      this.results = { query: query, raw: raw, docs: Array.from(byDoc.entries()), next: 0, hits: 0,
        unchecked: found.length, empty: 0, sequence: sequence };
      await this.showMore();
    } catch (error) {
      if (sequence === this.sequence) this.setStatus(this.label("unavailable"));
      throw error;
    }
  };

  /* The next documents of the results: downloaded, checked, shown (skipping documents none
     of whose candidates holds the query, until some are shown or none are left). */
  SearchBox.prototype.showMore = async function () {
    var results = this.results, self = this, shown = 0;
    if (!results || results.sequence !== this.sequence) return;
    this.more.hidden = true;
    while (!shown && results.next < results.docs.length) {
      var batch = results.docs.slice(results.next, results.next + DOCS_PER_PAGE);
      results.next += batch.length;
      var loaded = await Promise.all(batch.map(function (entry) { return self.index.doc(entry[0]); }));
      if (results.sequence !== this.sequence) return;
      var groups = batch.map(function (entry, i) {
        var hits = hitsOf(results.query, loaded[i], entry[1], self.index.meta.docs[entry[0]][0]);
        results.unchecked -= entry[1].length;
        results.hits += hits.length;
        if (!hits.length) results.empty++;
        return { data: loaded[i], number: entry[0], hits: hits };
      }).filter(function (group) { return group.hits.length; });
      groups.sort(function (a, b) { return b.hits[0].score - a.hits[0].score; });
      groups.forEach(function (group) { self.list.appendChild(self.renderDoc(group)); });
      shown += groups.length;
    }
    var total = results.hits + results.unchecked, docs = results.docs.length - results.empty;
    if (!total) this.setStatus(this.label("none"));
    else {
      this.setStatus(this.label("count", {
        passages: this.label(total === 1 ? "passages_one" : "passages", { n: total }),
        documents: this.label(docs === 1 ? "documents_one" : "documents", { n: docs }),
      }));
    }
    this.more.hidden = results.next >= results.docs.length;
    this.more.textContent = this.label("more_documents");
    this.root.setAttribute("data-un-results", results.raw);
    this.root.dispatchEvent(new CustomEvent("un-search:results", { bubbles: true, detail: { query: results.raw } }));
  };

  SearchBox.prototype.renderDoc = function (group) {
    var data = group.data, self = this, url = new URL(data.url, this.site).href;
    var item = element("li", "md-search-result__item un-search__doc");
    var head = element("a", "md-search-result__link un-search__head");
    head.href = url + "#title";
    var article = element("article", "md-search-result__article md-typeset");
    article.appendChild(element("span", "un-search__symbol", data.symbol));
    if (data.title) article.appendChild(element("h1", "un-search__title", data.title));
    var meta = this.index.meta, row = meta.docs[group.number];
    var facts = meta.filters.map(function (filter, i) { return filter.values[row[i + 1]][1]; });
    article.appendChild(element("p", "un-search__facts", facts.filter(Boolean).join(" · ")));
    head.appendChild(article);
    item.appendChild(head);
    var list = element("ol", "un-search__hits");
    group.hits.forEach(function (hit, i) {
      var entry = element("li", "un-search__entry");
      if (i >= HITS_SHOWN) entry.hidden = true;
      entry.appendChild(self.renderHit(hit, data, url));
      list.appendChild(entry);
    });
    item.appendChild(list);
    if (group.hits.length > HITS_SHOWN) {
      var rest = group.hits.length - HITS_SHOWN;
      var expand = element("button", "un-search__expand", this.label("more_in_document", { n: rest }));
      expand.type = "button";
      expand.addEventListener("click", function () {
        Array.prototype.forEach.call(list.children, function (child) { child.hidden = false; });
        expand.remove();
      });
      item.appendChild(expand);
    }
    return item;
  };

  SearchBox.prototype.anchorLabel = function (hit) {
    if (hit.kind === "title") return this.label("title");
    if (hit.kind === "sponsors") return this.label("sponsors");
    if (hit.kind === "fn") return this.label("footnote", { n: hit.anchor.slice(3) });
    return hit.anchor;
  };

  SearchBox.prototype.renderHit = function (hit, data, url) {
    var link = element("a", "md-search-result__link un-search__hit");
    link.href = url + "#" + hit.anchor;
    link.setAttribute("data-anchor", hit.anchor);
    link.setAttribute("data-kind", hit.kind);
    link.setAttribute("data-symbol", data.symbol);
    var where = this.anchorLabel(hit);
    link.title = data.symbol + (data.title ? " " + data.title : "") + " — " + where;
    var article = element("article", "md-search-result__article md-typeset");
    article.appendChild(element("span", "un-search__anchor un-search__anchor--" + hit.kind, where));
    article.appendChild(excerpt(hit.text, hit.spans, this.lang));
    link.appendChild(article);
    return link;
  };

  /* ---- start --------------------------------------------------------------------------- */

  function start() {
    var root = document.querySelector("[data-un-search]");
    if (!root) return;
    var box = new SearchBox(root);
    window.unSearch = {
      box: box, tokens: tokens, units: units, terms: termsOf, porter: porter, parse: parseQuery,
      query: async function (raw) {
        await box.index.load();
        var query = parseQuery(raw, box.index.meta.lang, box.index.stop);
        var found = await candidates(box.index, query, function () { return true; });
        var byDoc = new Map();
        found.forEach(function (c) { (byDoc.get(c.doc) || byDoc.set(c.doc, []).get(c.doc)).push(c); });
        var out = [];
        for (var entry of byDoc) {
          var data = await box.index.doc(entry[0]);
          hitsOf(query, data, entry[1], box.index.meta.docs[entry[0]][0]).forEach(function (hit) {
            out.push({ url: data.url, symbol: data.symbol, anchor: hit.anchor, score: hit.score });
          });
        }
        return out;
      },
    };
    var wanted = new URLSearchParams(location.search).get("q");
    if (wanted) box.open(wanted);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
