/* The header search: this language's own index, paragraph by paragraph.
 *
 * The index is written after the build by build_tools/site/search.py under the language's
 * root (search/ for Chinese, en/search/ for English); this script reads the index of the
 * page's own language (the URL comes from theme/partials/search.html), and the other
 * language's only when a query finds nothing here (to say how much it finds there).
 *
 * Text to terms, exactly as build_tools/site/search_text.py does it (a browser test
 * compares the two on every record of the collection): each character folded on its own
 * (NFKC, lower case, NFD without combining marks, traditional Han characters to simplified
 * ones with OpenCC's table, fold.json.gz); tokens: document symbols (a/res/77/96), short
 * resolution and draft numbers (77/96, l.53), runs of Han characters, words.
 *
 * A query is cut into groups, all of which a paragraph must hold, in any order: a quoted
 * phrase; in Chinese each run without spaces (a phrase: its characters side by side); in
 * English each word (stemmed; the last one, while being typed, as a prefix); a symbol; a
 * name of a State, treaty or body (the lexicon in meta.json.gz), which finds the passages
 * naming it however they name it, and never the words that merely contain it.
 *
 * The postings are per document: the documents holding every group are ranked (BM25-like
 * over the documents' weights, which count titles, sponsors and metadata more), downloaded
 * ten at a time and read paragraph by paragraph: a paragraph is a result when it holds
 * every group; paragraphs where the groups stand close together rank first. A result
 * links to its paragraph with the matched words (?h=), which the page then highlights.
 *
 * Nothing is requested from any other site. Without the index (mkdocs serve) the search
 * box says so.
 */
(function () {
  "use strict";

  /* ---- text to terms (mirrors build_tools/site/search_text.py) ------------------------- */

  var HAN_RANGES = [[0x3007, 0x3007], [0x3400, 0x4DBF], [0x4E00, 0x9FFF], [0xF900, 0xFAFF],
    [0x20000, 0x2A6DF], [0x2A700, 0x2EBEF], [0x2F800, 0x2FA1F], [0x30000, 0x323AF]];
  var HAN = HAN_RANGES.map(function (r) {
    return "\\u{" + r[0].toString(16) + "}-\\u{" + r[1].toString(16) + "}";
  }).join("");
  var SERIES = "a|s|e|st|t|unep|td|cd|ccpr|crc|hrc|dp|iccd|npt|bwc|cwc";
  var PART = "(?:[a-z]{1,6}(?:\\.(?:[0-9]{1,4}|[ivxl]{1,5}))?|[0-9]{1,4}(?: ?\\((?:[ivxlc]+|[0-9]{4})\\))?" +
    "|es-[0-9]{1,2})";
  var TOKEN = new RegExp(
    "(?<symbol>(?<![a-z0-9/.])(?:" + SERIES + ")(?:/" + PART + ")+(?![a-z0-9]))" +
    "|(?<number>(?<![a-z0-9/.])(?:[0-9]{1,3}/[0-9]{1,4}(?![a-z0-9/])|[0-9]{3,4} ?\\([ivxlc]+\\)" +
    "|[0-9]{1,4} ?\\([0-9]{4}\\)|l\\.[0-9]{1,4}(?:/(?:rev|add|corr)\\.[0-9]{1,3})*(?![a-z0-9])))" +
    "|(?<han>[" + HAN + "]+)" +
    "|(?<word>(?:(?![" + HAN + "])[\\p{L}\\p{N}])+)", "gu");
  var WORD = new RegExp("(?:(?![" + HAN + "])[\\p{L}\\p{N}])+", "gu");
  var HAN_CHAR = new RegExp("^[" + HAN + "]$", "u");
  var MARKS = /\p{M}/gu;
  var LETTERS = /^[a-z]+$/;
  var VERSION = /^(?:rev|add|corr)\.[0-9]{1,3}$/;
  var HYPHENS = "-\u2010\u2011";
  var STOP = new Set(("a an and are as at be by for from has have in into is it its of on or that the their " +
    "these this those to was were which with").split(" "));

  /* Folding, with the Han table of an index (a Map, or null before it is loaded). */
  function Folder(pairs) {
    this.han = new Map();
    for (var i = 0; pairs && i < pairs.length;) {
      var key = String.fromCodePoint(pairs.codePointAt(i));
      i += key.length;
      var value = String.fromCodePoint(pairs.codePointAt(i));
      i += value.length;
      this.han.set(key, value);
    }
    this.cache = new Map();
  }

  Folder.prototype.char = function (ch) {
    var folded = this.cache.get(ch);
    if (folded === undefined) {
      var han = this.han;
      folded = Array.from(ch.normalize("NFKC").toLowerCase().normalize("NFD").replace(MARKS, ""))
        .map(function (c) { return han.get(c) || c; }).join("");
      this.cache.set(ch, folded);
    }
    return folded;
  };

  /* The folded text and, for each of its UTF-16 units, the original character's range. */
  Folder.prototype.text = function (text) {
    var parts = [], starts = [], ends = [];
    for (var i = 0; i < text.length;) {
      var ch = String.fromCodePoint(text.codePointAt(i));
      var folded = this.char(ch);
      for (var k = 0; k < folded.length; k++) { starts.push(i); ends.push(i + ch.length); }
      parts.push(folded);
      i += ch.length;
    }
    return { text: parts.join(""), starts: starts, ends: ends };
  };

  /* Tokens of a folded text: [{kind, value, start, end}] (ranges in the folded text). */
  function tokens(folded) {
    var out = [], match;
    TOKEN.lastIndex = 0;
    while ((match = TOKEN.exec(folded)) !== null) {
      var kind = match.groups.symbol !== undefined ? "symbol" : match.groups.number !== undefined ? "number" :
        match.groups.han !== undefined ? "han" : "word";
      var value = match[0], at = match.index;
      if (kind === "symbol" && !/[0-9]/.test(value)) {
        var word;
        WORD.lastIndex = 0;
        while ((word = WORD.exec(value)) !== null) {
          out.push({ kind: "word", value: word[0], start: at + word.index, end: at + word.index + word[0].length });
        }
        continue;
      }
      if (kind === "symbol" || kind === "number") value = value.replace(/ /g, "");
      out.push({ kind: kind, value: value, start: at, end: at + match[0].length });
    }
    return out;
  }

  function wordStem(word, lang) { return lang === "en" && LETTERS.test(word) ? porter(word) : word; }

  /* Units: each Han character, each other token; with their places in the original text. */
  function units(text, lang, folder) {
    var f = folder.text(text), out = [], previousEnd = -2;
    tokens(f.text).forEach(function (token) {
      if (token.kind === "han") {
        for (var k = token.start; k < token.end;) {
          var ch = String.fromCodePoint(f.text.codePointAt(k));
          out.push({ kind: "han", value: ch, stem: ch, start: f.starts[k], end: f.ends[k + ch.length - 1],
            joined: false });
          k += ch.length;
        }
      } else {
        var last = out[out.length - 1];
        var joined = token.kind === "word" && !!last && last.kind === "word" && token.start === previousEnd + 1 &&
          HYPHENS.indexOf(f.text[previousEnd]) >= 0;
        out.push({ kind: token.kind, value: token.value,
          stem: token.kind === "word" ? wordStem(token.value, lang) : token.value,
          start: f.starts[token.start], end: f.ends[token.end - 1], joined: joined });
      }
      previousEnd = token.end;
    });
    return out;
  }

  var symbolCache = new Map();

  /* A symbol's terms: itself, what it revises, adds to or corrects, and the short forms. */
  function symbolTerms(symbol) {
    var cached = symbolCache.get(symbol);
    if (cached) return cached;
    var forms = [symbol.split("/")];
    while (forms[forms.length - 1].length > 1 && VERSION.test(forms[forms.length - 1].slice(-1)[0])) {
      forms.push(forms[forms.length - 1].slice(0, -1));
    }
    var out = [];
    forms.forEach(function (form) {
      out.push(form.join("/"));
      if ((form[0] === "a" || form[0] === "s") && form.length >= 3 && form[1] === "res") out.push(form.slice(2).join("/"));
      var draft = -1;
      form.forEach(function (part, i) { if (part.indexOf("l.") === 0) draft = i; });
      if (draft >= 0) out.push(form.slice(draft).join("/"));
    });
    out = unique(out);
    symbolCache.set(symbol, out);
    return out;
  }

  function numberTerms(number) { return number.indexOf("l.") === 0 ? symbolTerms(number) : [number]; }

  function unitTerms(unit) {
    return unit.kind === "symbol" ? symbolTerms(unit.value) : unit.kind === "number" ? numberTerms(unit.value) : [unit.stem];
  }

  /* The index terms of a record's text (search_text.record_terms), for the tests. */
  function recordTerms(text, lang, entities, folder) {
    var found = {}, length = 0, previous = null, compound = [], folded = folder.text(text).text;
    function add(term) { found[term] = (found[term] || 0) + 1; }
    (entities || []).forEach(add);
    tokens(folded).forEach(function (token) {
      if (token.kind === "han") {
        var chars = Array.from(token.value);
        length += chars.length;
        for (var i = 0; i + 1 < chars.length; i++) add(chars[i] + chars[i + 1]);
        add(chars[chars.length - 1]);
        previous = token;
        compound = [];
        return;
      }
      length += 1;
      if (token.kind === "symbol") symbolTerms(token.value).forEach(add);
      else if (token.kind === "number") numberTerms(token.value).forEach(add);
      else {
        if (previous && previous.kind === "word" && token.start === previous.end + 1 &&
            HYPHENS.indexOf(folded[previous.end]) >= 0) {
          compound.push(token.value);
          add(wordStem(compound.join(""), lang));
        } else compound = [token.value];
        if (!STOP.has(token.value)) add(wordStem(token.value, lang));
      }
      previous = token;
    });
    return { terms: found, length: length };
  }

  function unique(values) { return values.filter(function (v, i) { return values.indexOf(v) === i; }); }

  /* ---- Porter's stemmer (the reference implementation's variant, as porter.py) --------- */

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

  function json(bytes) { return JSON.parse(new TextDecoder().decode(bytes)); }

  /* A chunk: Map term -> {docs: Int32Array, weights: Uint8Array}. */
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
      var count = varint(), docs = new Int32Array(count);
      for (var i = 0, doc = 0; i < count; i++) { doc += varint(); docs[i] = doc; }
      terms.set(term, { docs: docs, weights: bytes.slice(pos, pos + count) });
      pos += count;
    }
    return terms;
  }

  function Index(base) {
    this.base = base;
    this.chunks = new Map();
    this.docs = new Map();
    this.meta = null;
    this.folder = new Folder("");
  }

  Index.prototype.load = function () {
    var self = this;
    if (!this.ready) {
      var meta = fetch(this.base + "meta.json.gz", { cache: "no-cache" }).then(gunzip).then(json);
      this.ready = meta.then(function (data) {
        self.meta = data;
        self.names = lexicon(data.names);
        return data.fold ? self.file("fold.json.gz").then(json) : null;
      }).then(function (fold) {
        if (fold) self.folder = new Folder(fold.pairs);
        return self;
      });
      this.ready.catch(function () { self.ready = null; });
    }
    return this.ready;
  };

  Index.prototype.file = function (path) {
    return fetch(this.base + path + "?v=" + this.meta.build).then(gunzip);
  };

  Index.prototype.cached = function (map, key, load) {
    if (!map.has(key)) {
      var loading = load();
      loading.catch(function () { map.delete(key); });
      map.set(key, loading);
    }
    return map.get(key);
  };

  Index.prototype.chunk = function (number) {
    var self = this;
    return this.cached(this.chunks, number, function () { return self.file("terms/" + number + ".gz").then(decodeChunk); });
  };

  Index.prototype.doc = function (number) {
    var self = this;
    return this.cached(this.docs, number, function () { return self.file("docs/" + number + ".json.gz").then(json); });
  };

  Index.prototype.filters = function () {
    var self = this;
    if (!this.filtersLoading) this.filtersLoading = this.file("filters.json.gz").then(json);
    this.filtersLoading.catch(function () { self.filtersLoading = null; });
    return this.filtersLoading;
  };

  /* The chunk that holds a term: the last whose first term is not after it. */
  Index.prototype.chunkOf = function (term) {
    var firsts = this.meta.chunks, low = 0, high = firsts.length - 1;
    if (!firsts.length || term < firsts[0]) return -1;
    while (low < high) {
      var middle = (low + high + 1) >> 1;
      if (firsts[middle] <= term) low = middle; else high = middle - 1;
    }
    return low;
  };

  /* A term's documents and weights (Map doc -> weight); with prefix, of every term that
     starts with it, weights added. */
  Index.prototype.postings = async function (term, prefix) {
    var from = Math.max(0, this.chunkOf(term)), to = prefix ? this.chunkOf(term + "\uffff") : this.chunkOf(term);
    var out = new Map();
    if (to < 0) return out;
    var numbers = [];
    for (var n = from; n <= to; n++) numbers.push(n);
    var chunks = await Promise.all(numbers.map(this.chunk, this));
    chunks.forEach(function (chunk) {
      chunk.forEach(function (list, key) {
        if (prefix ? key.indexOf(term) !== 0 : key !== term) return;
        for (var i = 0; i < list.docs.length; i++) out.set(list.docs[i], (out.get(list.docs[i]) || 0) + list.weights[i]);
      });
    });
    return out;
  };

  /* ---- names (mirrors build_tools/site/search_names.py) ------------------------------- */

  /* The lexicon: Map first unit -> [{units, term}], longest first. */
  function lexicon(names) {
    var out = new Map();
    (names || []).forEach(function (entry) {
      var parts = entry[0].split(" ");
      if (!out.has(parts[0])) out.set(parts[0], []);
      out.get(parts[0]).push({ units: parts, term: entry[1] });
    });
    return out;
  }

  /* Names among units (by value), the longest first, left to right: [{from, to, term}]. */
  function findNames(list, names) {
    var found = [];
    for (var i = 0; i < list.length;) {
      var candidates = names.get(list[i].value) || [], hit = null;
      for (var c = 0; c < candidates.length && !hit; c++) {
        var name = candidates[c];
        if (i + name.units.length > list.length) continue;
        var k = 0;
        while (k < name.units.length && list[i + k].value === name.units[k]) k++;
        if (k === name.units.length) hit = name;
      }
      if (hit) {
        if (hit.term) found.push({ from: i, to: i + hit.units.length, term: hit.term });
        i += hit.units.length;
      } else i++;
    }
    return found;
  }

  /* ---- queries ------------------------------------------------------------------------- */

  var MAX_BIGRAMS = 4, K1 = 1.2;
  var RESOLUTION_ZH = /第\s*([0-9]{1,3}\/[0-9]{1,4})\s*[号號](?:决议|決議)?/g;
  var QUOTED = /"([^"]*)"?|“([^”]*)”?|「([^」]*)」?|『([^』]*)』?/g;

  /* Groups of a query: a record must hold each group, by one of its alternatives. */
  function parseQuery(raw, index) {
    var lang = index.meta.lang, folder = index.folder, query = raw.normalize("NFKC");
    var open = /[\p{L}]$/u.test(query), groups = [], stopped = 0, match, last = 0, parts = [];
    QUOTED.lastIndex = 0;
    while ((match = QUOTED.exec(query)) !== null) {
      if (!match[0]) { QUOTED.lastIndex++; continue; }
      parts.push({ text: query.slice(last, match.index), quoted: false });
      parts.push({ text: match[1] || match[2] || match[3] || match[4] || "", quoted: true });
      last = match.index + match[0].length;
    }
    parts.push({ text: query.slice(last), quoted: false });
    parts.forEach(function (part, p) {
      var isLast = p === parts.length - 1;
      if (part.quoted) {
        var list = units(part.text, lang, folder);
        if (list.length) groups.push(phraseGroup(list, part.text, lang, false));
        return;
      }
      if (lang === "en") stopped += englishGroups(part.text, index, groups, isLast && open);
      else {
        // 第76/234号决议 asks for resolution 76/234, wherever the text names it (第76/234号和第77/96号决议).
        part.text.replace(RESOLUTION_ZH, " $1 ").split(/\s+/).forEach(function (piece, i, pieces) {
          var list = units(piece, lang, folder);
          if (!list.length) return;
          var name = findNames(list, index.names);
          if (name.length === 1 && name[0].from === 0 && name[0].to === list.length) {
            groups.push(nameGroup(name[0].term, list, piece, lang));
          } else if (list.length === 1 && list[0].kind !== "han") {
            stopped += singleGroup(list[0], piece, lang, groups, isLast && open && i === pieces.length - 1);
          } else groups.push(phraseGroup(list, piece, lang, isLast && open && i === pieces.length - 1));
        });
      }
    });
    var searchable = groups.some(function (g) { return g.alts.some(function (a) { return a.lookup.length; }); });
    // Only stop words (unquoted, or a quoted phrase of them): too common to search.
    return { raw: raw, lang: lang, groups: groups, common: !searchable && (stopped > 0 || groups.length > 0) };
  }

  /* English: names over the words, then each other word, symbol or run of Han characters. */
  function englishGroups(text, index, groups, open) {
    var list = units(text, "en", index.folder), names = findNames(list, index.names), stopped = 0, at = 0;
    var source = function (a, b) { return text.slice(list[a].start, list[b - 1].end); };
    names.push({ from: list.length, to: list.length, term: null });
    names.forEach(function (name) {
      for (var i = at; i < name.from;) {
        var j = i + 1;
        if (list[i].kind === "han") { while (j < name.from && list[j].kind === "han") j++; }
        else { while (j < name.from && list[j].joined) j++; }
        var isOpen = open && j === list.length;
        if (j - i > 1) groups.push(compoundGroup(list.slice(i, j), source(i, j), isOpen));
        else stopped += singleGroup(list[i], source(i, j), "en", groups, isOpen);
        i = j;
      }
      if (name.term) groups.push(nameGroup(name.term, list.slice(name.from, name.to), source(name.from, name.to), "en"));
      at = name.to;
    });
    return stopped;
  }

  /* A word, symbol or number on its own; a stop word gives no group (returns 1). */
  function singleGroup(unit, text, lang, groups, open) {
    if (unit.kind === "word" && STOP.has(unit.value)) return 1;
    var group = phraseGroup([unit], text, lang, open);
    if (unit.kind !== "word") group.alts.push({ kind: "entity", term: unit.value, lookup: [{ term: unit.value }] });
    groups.push(group);
    return 0;
  }

  /* Words joined by hyphens (non-proliferation): the phrase, or the joined word. */
  function compoundGroup(list, text, open) {
    if (list[0].kind === "han") return phraseGroup(list, text, "en", false);
    var group = phraseGroup(list, text, "en", open);
    var joined = list.map(function (u) { return u.value; }).join("");
    var stem = wordStem(joined, "en");
    group.alts.push({ kind: "units", units: [{ kind: "word", value: joined, stem: stem }], lookup: [{ term: stem }] });
    return group;
  }

  /* A State (its term only: never a word that contains its name), or a treaty or body (its
     term, or its name as a phrase). */
  function nameGroup(term, list, text, lang) {
    var group = { text: text, alts: [{ kind: "entity", term: term, lookup: [{ term: term }] }] };
    if (term.indexOf("state:") !== 0) group.alts.push(phraseGroup(list, text, lang, false).alts[0]);
    return group;
  }

  /* Units side by side. Looked up by the bigrams of its Han characters (a few, spread over
     it), by its words but the stop words, its symbols and numbers. */
  function phraseGroup(list, text, lang, open) {
    var lookup = [], bigrams = [], singles = [];
    function together(a, b) { return a && b && a.kind === "han" && b.kind === "han" && a.end === b.start; }
    list.forEach(function (unit, i) {
      var isOpen = open && i === list.length - 1 && unit.kind === "word" && LETTERS.test(unit.value) && unit.value.length >= 2;
      unit.open = isOpen;
      if (unit.kind === "han") {
        // Bigrams within a run of Han characters, as the index has them; a character alone
        // by the terms that start with it, when nothing else can be looked up.
        if (together(unit, list[i + 1])) bigrams.push(unit.value + list[i + 1].value);
        else if (!together(list[i - 1], unit)) singles.push({ term: unit.value, prefix: true });
      } else if (unit.kind === "word") {
        if (STOP.has(unit.value)) return;
        if (isOpen) {
          lookup.push({ term: unit.value, prefix: true, also: unit.stem });
        } else lookup.push({ term: unit.stem });
      } else lookup.push({ term: unit.value });
    });
    spread(bigrams, MAX_BIGRAMS).forEach(function (b) { lookup.push({ term: b }); });
    if (!lookup.length) lookup = singles.slice(0, 2);
    return { text: text, alts: [{ kind: "units", units: list, lookup: lookup }] };
  }

  function spread(items, most) {
    if (items.length <= most) return items;
    var out = [];
    for (var i = 0; i < most; i++) out.push(items[Math.round(i * (items.length - 1) / (most - 1))]);
    return unique(out);
  }

  function idf(count, total) { return Math.log(1 + (total - count + 0.5) / (count + 0.5)); }

  /* Documents holding every group: [{doc, score}], best first; each group's weight (idf). */
  async function candidates(index, query, allowed) {
    var total = index.meta.docs, scores = null;
    var lists = await Promise.all(query.groups.map(function (group) { return groupDocs(index, group, total); }));
    lists.forEach(function (found, g) {
      query.groups[g].idf = found ? found.idf : 0.1;
      if (!found) return; // nothing to look up (a quoted phrase of stop words): checked in the text
      var next = new Map();
      found.docs.forEach(function (score, doc) {
        if (scores === null || scores.has(doc)) next.set(doc, score + (scores ? scores.get(doc) : 0));
      });
      scores = next;
    });
    var out = [];
    (scores || new Map()).forEach(function (score, doc) { if (!allowed || allowed.has(doc)) out.push({ doc: doc, score: score }); });
    return out.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
  }

  /* A group's documents (Map doc -> score): any alternative, each with all its terms. */
  async function groupDocs(index, group, total) {
    var alts = group.alts.filter(function (alt) { return alt.lookup.length; });
    if (!alts.length) return null;
    var docs = new Map(), best = 0;
    var found = await Promise.all(alts.map(function (alt) {
      return Promise.all(alt.lookup.map(async function (item) {
        var list = await index.postings(item.term, item.prefix);
        if (item.also && item.also !== item.term) {
          (await index.postings(item.also, true)).forEach(function (w, d) { list.set(d, Math.max(w, list.get(d) || 0)); });
        }
        return list;
      }));
    }));
    found.forEach(function (lists) {
      lists.sort(function (a, b) { return a.size - b.size; });
      var weights = lists.map(function (list) { return idf(list.size, total); });
      best = Math.max(best, weights.reduce(function (a, b) { return a + b; }, 0) / weights.length);
      lists[0].forEach(function (w, doc) {
        var score = 0;
        for (var i = 0; i < lists.length; i++) {
          var weight = i === 0 ? w : lists[i].get(doc);
          if (weight === undefined) return;
          score += weights[i] * weight * (K1 + 1) / (weight + K1);
        }
        docs.set(doc, Math.max(score, docs.get(doc) || 0));
      });
    });
    return { docs: docs, idf: best };
  }

  /* ---- reading a document's records ---------------------------------------------------- */

  var BOOST = { title: 3, sponsors: 3, meta: 2, note: 1, pp: 1, op: 1, fn: 0.8, cites: 0.8 };

  /* A record's units with their compounds (hyphenated words joined) and entities. */
  function readRecord(record, lang, folder) {
    var list = units(record[2], lang, folder), compounds = [];
    for (var i = 0; i < list.length; i++) {
      var joined = list[i].value;
      for (var j = i + 1; j < list.length && list[j].joined; j++) {
        joined += list[j].value;
        compounds.push({ from: i, to: j + 1, stem: wordStem(joined, lang) });
      }
    }
    var entities = (record[3] || []).map(function (e) { return { start: e[0], end: e[1], term: e[2] }; });
    return { units: list, compounds: compounds, entities: entities };
  }

  function sameUnit(wanted, unit) {
    if (wanted.kind === "han" || unit.kind === "han") return wanted.kind === unit.kind && wanted.value === unit.value;
    if (wanted.kind === "word") {
      return unit.kind === "word" && (wanted.stem === unit.stem || (wanted.open && unit.value.indexOf(wanted.value) === 0));
    }
    return unit.kind !== "word" && unitTerms(unit).indexOf(wanted.value) >= 0;
  }

  /* Where an alternative of units matches: [{from, to}] in units. */
  function unitMatches(wanted, read) {
    var out = [], list = read.units;
    function extend(at, k) {
      if (k === wanted.length) return at;
      var w = wanted[k];
      if (at < list.length && sameUnit(w, list[at])) {
        var end = extend(at + 1, k + 1);
        if (end >= 0) return end;
      }
      if (w.kind === "word") {
        for (var c = 0; c < read.compounds.length; c++) {
          var compound = read.compounds[c];
          if (compound.from === at && compound.stem === w.stem) {
            var further = extend(compound.to, k + 1);
            if (further >= 0) return further;
          }
        }
      }
      return -1;
    }
    for (var i = 0; i < list.length; i++) {
      var end = extend(i, 0);
      if (end > i) out.push({ from: i, to: end });
    }
    return out;
  }

  /* Where a group matches in a record: [{start, end, from, to}] (text offsets and units). */
  function groupMatches(group, read) {
    var out = [];
    group.alts.forEach(function (alt) {
      if (alt.kind === "entity") {
        read.entities.forEach(function (e) {
          if (e.term !== alt.term) return;
          var from = read.units.findIndex(function (u) { return u.end > e.start; });
          var to = read.units.findIndex(function (u) { return u.start >= e.end; });
          from = from < 0 ? read.units.length : from;
          out.push({ start: e.start, end: e.end, from: from, to: to < 0 ? read.units.length : Math.max(to, from + 1),
            entity: true });
        });
        return;
      }
      unitMatches(alt.units, read).forEach(function (m) {
        out.push({ start: read.units[m.from].start, end: read.units[m.to - 1].end, from: m.from, to: m.to });
      });
    });
    return out;
  }

  /* A record that holds every group: its spans, the matched texts per group and its score;
     null otherwise. */
  function matchRecord(query, record, lang, folder) {
    var read = readRecord(record, lang, folder), spans = [], matched = [], names = [], score = 0, found = [];
    for (var g = 0; g < query.groups.length; g++) {
      var matches = groupMatches(query.groups[g], read);
      if (!matches.length) return null;
      found.push(matches);
      matched.push(unique(matches.map(function (m) { return record[2].slice(m.start, m.end); })));
      score += query.groups[g].idf * (1 + Math.log(matches.length));
      matches.forEach(function (m) {
        spans.push([m.start, m.end]);
        var text = record[2].slice(m.start, m.end), asked = query.groups[g].text;
        if (m.entity && plainText(text) !== plainText(asked) && names.length < 3) names.push([asked, text]);
      });
    }
    var gap = found.length > 1 ? windowGap(found) : 0;
    score *= (BOOST[record[1]] || 1) * (1 + 1 / (1 + gap / 3));
    return { spans: merge(spans), matched: matched, names: unique(names.map(JSON.stringify)).map(JSON.parse),
      score: score };
  }

  function plainText(text) { return text.toLowerCase().replace(/[\s\p{P}]/gu, ""); }

  /* The fewest units between one match of each group (0 when they stand side by side). */
  function windowGap(found) {
    var points = [];
    found.forEach(function (matches, g) { matches.forEach(function (m) { points.push({ g: g, from: m.from, to: m.to }); }); });
    points.sort(function (a, b) { return a.from - b.from; });
    var best = Infinity, counts = new Map(), left = 0;
    for (var right = 0; right < points.length; right++) {
      counts.set(points[right].g, (counts.get(points[right].g) || 0) + 1);
      while (counts.size === found.length) {
        var span = 0, covered = 0;
        for (var k = left; k <= right; k++) { span = Math.max(span, points[k].to); covered += points[k].to - points[k].from; }
        best = Math.min(best, Math.max(0, span - points[left].from - covered));
        var g = points[left].g;
        counts.set(g, counts.get(g) - 1);
        if (!counts.get(g)) counts.delete(g);
        left++;
      }
    }
    return best === Infinity ? 0 : best;
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

  /* The results of a document: its records that hold the query, best first. */
  function hitsOf(query, data, index) {
    var hits = [];
    data.records.forEach(function (record) {
      var found = matchRecord(query, record, index.meta.lang, index.folder);
      if (found) {
        hits.push({ anchor: record[0], kind: record[1], text: record[2], spans: found.spans, matched: found.matched,
          names: found.names, score: found.score });
      }
    });
    return hits.sort(function (a, b) { return b.score - a.score; });
  }

  /* Everything a query finds in an index, read document by document (for the tests and the
     other language's count): {hits, docs, candidates}. */
  async function evaluate(index, raw, allowed, most) {
    await index.load();
    var query = parseQuery(raw, index);
    var found = query.groups.length && !query.common ? await candidates(index, query, allowed) : [];
    var hits = [], docs = 0, read = 0;
    for (var i = 0; i < found.length && (most === undefined || read < most); i += 10) {
      var batch = found.slice(i, i + 10);
      var loaded = await Promise.all(batch.map(function (c) { return index.doc(c.doc); }));
      read += batch.length;
      loaded.forEach(function (data) {
        var own = hitsOf(query, data, index);
        if (own.length) docs++;
        own.forEach(function (hit) { hit.url = data.url; hit.symbol = data.symbol; hits.push(hit); });
      });
      if (most !== undefined && docs) break;
    }
    return { query: query, hits: hits, docs: docs, read: read, candidates: found.length };
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
    var siteRoot = new URL(root.getAttribute("data-un-root") || "../", base);
    this.others = JSON.parse(root.getAttribute("data-un-others") || "[]").map(function (other) {
      var home = new URL(other.root, siteRoot);
      return { lang: other.lang, home: home, index: new Index(new URL("search/", home).href) };
    });
    this.input = root.querySelector(".md-search__input");
    this.form = root.querySelector(".md-search__form");
    this.status = root.querySelector(".un-search__status");
    this.list = root.querySelector(".un-search__list");
    this.filters = root.querySelector(".un-search__filters");
    this.filterToggle = root.querySelector(".un-search__filter-toggle");
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
      var link = event.target.closest && event.target.closest("a.un-search__hit");
      if (link && link.pathname === location.pathname) {
        self.close();
        highlightTarget(new URL(link.href));
      }
    });
    this.more.addEventListener("click", function () { self.showMore(); });
    this.filterToggle.addEventListener("click", function () { self.openFilters(); });
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
    var links = Array.prototype.slice.call(this.list.querySelectorAll("a.un-search__hit, a.un-search__elsewhere, button"));
    var at = links.indexOf(document.activeElement) + step;
    if (at < 0) { this.input.focus(); return; }
    if (at < links.length) links[at].focus();
  };

  SearchBox.prototype.prepare = function () {
    var self = this;
    return this.index.load().then(function () { self.filterToggle.hidden = false; }, function () {
      self.setStatus(self.label("unavailable"));
    });
  };

  /* The filters: loaded when first opened; each a select of the collection's values. */
  SearchBox.prototype.openFilters = async function () {
    var self = this;
    if (!this.filters.childElementCount) {
      await this.index.load();
      var filters = await this.index.filters();
      filters.forEach(function (filter) {
        if (!filter.values.length) return;
        var field = element("label", "un-search__filter");
        field.appendChild(element("span", "un-search__filter-name", filter.label));
        var select = element("select");
        select.name = filter.name;
        select.appendChild(new Option(self.label("all"), ""));
        filter.values.forEach(function (value) {
          select.appendChild(new Option(value[1] + " (" + value[2] + ")", value[0]));
        });
        select.addEventListener("change", function () { self.schedule(0); });
        field.appendChild(select);
        self.filters.appendChild(field);
      });
    }
    this.filters.hidden = !this.filters.hidden;
    this.filterToggle.setAttribute("aria-expanded", String(!this.filters.hidden));
  };

  /* The documents the chosen filters allow (a Set), or null when none is chosen. */
  SearchBox.prototype.allowed = async function () {
    var index = this.index, chosen = Array.prototype.filter.call(this.filters.querySelectorAll("select"),
      function (select) { return select.value !== ""; });
    if (!chosen.length) return null;
    var lists = await Promise.all(chosen.map(function (select) {
      return index.postings(select.name + "=" + select.value, false);
    }));
    var out = new Set(lists[0].keys());
    lists.slice(1).forEach(function (list) { out.forEach(function (doc) { if (!list.has(doc)) out.delete(doc); }); });
    return out;
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
    this.root.removeAttribute("data-un-elsewhere");
    this.results = null;
    if (!raw.trim()) { this.setStatus(this.label("hint")); return; }
    this.setStatus(this.label("loading"));
    try {
      await this.prepare();
      if (!this.index.meta) return;
      var query = parseQuery(raw, this.index);
      var allowed = await this.allowed();
      var found = query.groups.length && !query.common ? await candidates(this.index, query, allowed) : [];
      if (sequence !== this.sequence) return;
      this.results = { query: query, raw: raw, docs: found, next: 0, hits: 0, shown: 0, empty: 0, sequence: sequence };
      await this.showMore();
    } catch (error) {
      if (sequence === this.sequence) this.setStatus(this.label("unavailable"));
      throw error;
    }
  };

  /* The next documents of the results: downloaded, read, shown (skipping documents none of
     whose records holds the query, until some are shown or none are left). */
  SearchBox.prototype.showMore = async function () {
    var results = this.results, self = this, shown = 0;
    if (!results || results.sequence !== this.sequence) return;
    this.more.hidden = true;
    while (!shown && results.next < results.docs.length) {
      var batch = results.docs.slice(results.next, results.next + DOCS_PER_PAGE);
      results.next += batch.length;
      var loaded = await Promise.all(batch.map(function (c) { return self.index.doc(c.doc); }));
      if (results.sequence !== this.sequence) return;
      var groups = loaded.map(function (data) {
        var hits = hitsOf(results.query, data, self.index);
        results.hits += hits.length;
        if (!hits.length) results.empty++;
        return { data: data, hits: hits };
      }).filter(function (group) { return group.hits.length; });
      groups.sort(function (a, b) { return b.hits[0].score - a.hits[0].score; });
      groups.forEach(function (group) { self.list.appendChild(self.renderDoc(group, results.query)); });
      shown += groups.length;
    }
    results.shown += shown;
    await this.report(results);
    this.more.hidden = results.next >= results.docs.length;
    this.more.textContent = this.label("more_documents");
    this.root.setAttribute("data-un-results", results.raw);
    this.root.dispatchEvent(new CustomEvent("un-search:results", { bubbles: true, detail: { query: results.raw } }));
  };

  SearchBox.prototype.report = async function (results) {
    var docs = results.docs.length - results.empty;
    var documents = this.label(docs === 1 ? "documents_one" : "documents", { n: docs });
    if (results.query.common) { this.setStatus(this.label("common")); return; }
    if (docs && results.next >= results.docs.length) {
      this.setStatus(this.label("count", {
        passages: this.label(results.hits === 1 ? "passages_one" : "passages", { n: results.hits }),
        documents: documents,
      }));
      return;
    }
    if (docs) { this.setStatus(this.label("count_about", { documents: documents })); return; }
    this.setStatus(this.label("none"));
    await this.elsewhere(results);
  };

  /* Nothing here: how much the other language's texts hold, with a link to them. */
  SearchBox.prototype.elsewhere = async function (results) {
    for (var i = 0; i < this.others.length; i++) {
      var other = this.others[i], found;
      try { found = await evaluate(other.index, results.raw, null, 30); } catch (error) { continue; }
      if (results.sequence !== this.sequence || !found.docs) continue;
      var count = found.candidates - (found.read - found.docs);
      var documents = this.label(count === 1 ? "documents_one" : "documents", { n: count });
      var link = element("a", "un-search__elsewhere", this.label("elsewhere_link"));
      var target = new URL(other.home);
      target.searchParams.set("q", results.raw);
      link.href = target.href;
      // Material takes a click on any link into another language's root for its language
      // selector and opens that language's page without the query, unless the link has a
      // target: "_self" opens it here, with the query.
      link.target = "_self";
      link.setAttribute("data-lang", other.lang);
      var item = element("li", "un-search__elsewhere-item");
      item.appendChild(element("span", "", this.label("elsewhere", { documents: documents }) + " "));
      item.appendChild(link);
      this.list.appendChild(item);
      this.root.setAttribute("data-un-elsewhere", String(count));
      return;
    }
  };

  SearchBox.prototype.renderDoc = function (group, query) {
    var data = group.data, self = this, url = new URL(data.url, this.site).href;
    var item = element("li", "md-search-result__item un-search__doc");
    var head = element("a", "md-search-result__link un-search__head");
    head.href = url + "#title";
    var article = element("article", "md-search-result__article md-typeset");
    article.appendChild(element("span", "un-search__symbol", data.symbol));
    if (data.title) article.appendChild(element("h1", "un-search__title", data.title));
    if (data.facts) article.appendChild(element("p", "un-search__facts", data.facts));
    head.appendChild(article);
    item.appendChild(head);
    var list = element("ol", "un-search__hits");
    group.hits.forEach(function (hit, i) {
      var entry = element("li", "un-search__entry");
      if (i >= HITS_SHOWN) entry.hidden = true;
      entry.appendChild(self.renderHit(hit, data, url, query));
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
    if (/^(title|sponsors|meta|cites)$/.test(hit.kind)) return this.label(hit.kind);
    if (hit.kind === "fn") return this.label("footnote", { n: hit.anchor.slice(3) });
    if (hit.kind === "note") return this.label("note") + " " + hit.anchor;
    return hit.anchor;
  };

  SearchBox.prototype.renderHit = function (hit, data, url, query) {
    var link = element("a", "md-search-result__link un-search__hit");
    var target = new URL(url);
    unique([].concat.apply([], hit.matched)).slice(0, 12).forEach(function (text) { target.searchParams.append("h", text); });
    target.searchParams.set("in", hit.kind);
    target.hash = hit.anchor;
    link.href = target.href;
    link.setAttribute("data-anchor", hit.anchor);
    link.setAttribute("data-kind", hit.kind);
    link.setAttribute("data-symbol", data.symbol);
    link.setAttribute("data-matched", JSON.stringify(hit.matched));
    var where = this.anchorLabel(hit);
    link.title = data.symbol + (data.title ? " " + data.title : "") + " — " + where;
    var article = element("article", "md-search-result__article md-typeset");
    article.appendChild(element("span", "un-search__anchor un-search__anchor--" + hit.kind, where));
    var body = element("div", "un-search__body");
    body.appendChild(excerpt(hit.text, hit.spans, this.lang));
    // A name found by its term where the text names it otherwise (NPT: 《不扩散核武器条约》).
    if (hit.names.length) {
      body.appendChild(element("p", "un-search__why", this.label("matched") + hit.names.map(function (pair) {
        return pair[0] + " → " + pair[1];
      }).join("; ")));
    }
    article.appendChild(body);
    link.appendChild(article);
    return link;
  };

  /* ---- the landing paragraph: the words that matched, highlighted ---------------------- */

  /* The elements a result's link opens, for its kind of record. */
  function landing(kind, anchor) {
    var target = anchor ? document.getElementById(anchor) : null, out = [];
    if (kind === "sponsors" || kind === "meta") {
      var title = document.getElementById("title");
      var list = title && title.parentElement.querySelector("dl");
      return list ? [list] : title ? [title] : [];
    }
    if (!target) return [];
    if (kind === "note" || kind === "cites") {
      // The note under its paragraph; the lists of the Cites section, up to the next heading.
      for (var next = target.nextElementSibling; next; next = next.nextElementSibling) {
        if (kind === "note" ? next.classList.contains("un-note") : next.tagName === "UL") out.push(next);
        if (kind === "note" ? out.length || next.id : next.tagName === "H2") break;
      }
      return out.length ? out : [target];
    }
    return [target];
  }

  /* Marks every occurrence of the matched texts in the landing elements. */
  function highlightTarget(url) {
    var texts = url.searchParams.getAll("h").filter(Boolean);
    var targets = landing(url.searchParams.get("in"), decodeURIComponent(url.hash.slice(1)));
    if (!texts.length || !targets.length) return;
    Array.prototype.forEach.call(document.querySelectorAll("mark.un-search-mark"), function (mark) {
      mark.replaceWith(document.createTextNode(mark.textContent));
    });
    targets.forEach(function (target) {
      var count = highlightIn(target, texts);
      target.setAttribute("data-un-highlighted", String(count));
    });
  }

  function highlightIn(target, texts) {
    var nodes = [], text = "", walker = document.createTreeWalker(target, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return node.parentElement.closest("sup, .un-tools, .headerlink, .admonition-title, button") ?
          NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      },
    });
    for (var node = walker.nextNode(); node; node = walker.nextNode()) { nodes.push({ node: node, at: text.length }); text += node.data; }
    var ranges = [];
    texts.forEach(function (wanted) {
      for (var at = text.indexOf(wanted); at >= 0; at = text.indexOf(wanted, at + wanted.length)) ranges.push([at, at + wanted.length]);
    });
    ranges = merge(ranges);
    ranges.slice().reverse().forEach(function (range) {
      for (var i = nodes.length - 1; i >= 0; i--) {
        var item = nodes[i], start = Math.max(range[0], item.at), end = Math.min(range[1], item.at + item.node.data.length);
        if (end <= start) continue;
        var piece = item.node.splitText(start - item.at);
        piece.splitText(end - start);
        var mark = element("mark", "un-search-mark");
        piece.parentNode.insertBefore(mark, piece);
        mark.appendChild(piece);
      }
    });
    return ranges.length;
  }

  /* ---- start --------------------------------------------------------------------------- */

  function start() {
    var root = document.querySelector("[data-un-search]");
    if (!root) return;
    var box = new SearchBox(root);
    window.unSearch = {
      box: box, tokens: tokens, porter: porter, symbolTerms: symbolTerms,
      fold: async function (text) { await box.index.load(); return box.index.folder.text(text).text; },
      units: async function (text, lang) { await box.index.load(); return units(text, lang, box.index.folder); },
      terms: async function (texts, lang) {
        await box.index.load();
        return texts.map(function (t) { return recordTerms(t[0], lang, t[1], box.index.folder); });
      },
      parse: async function (raw) { await box.index.load(); return parseQuery(raw, box.index); },
      query: async function (raw) {
        var found = await evaluate(box.index, raw, null);
        return found.hits.map(function (hit) {
          return { url: hit.url, symbol: hit.symbol, anchor: hit.anchor, kind: hit.kind, score: hit.score,
            matched: hit.matched };
        });
      },
    };
    var params = new URLSearchParams(location.search);
    if (params.getAll("h").length) highlightTarget(new URL(location.href));
    var wanted = params.get("q");
    if (wanted) box.open(wanted);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
