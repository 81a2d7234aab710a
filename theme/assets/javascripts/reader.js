/* Reading tools on document pages (see build_tools/site/reader.py for the HTML side).
 *
 * - Copy buttons: two per paragraph, one giving its citation and address
 *   ("A/C.1/79/L.53/Rev.1, para. 2, https://…/#op2"), one its text with them
 *   ("“…” (A/C.1/79/L.53/Rev.1, para. 2, https://…/#op2)"); one for the document's
 *   bibliographic citation and address. The citations come from the page (data-cite, in
 *   the page's language, "(unofficial translation)" included where the text is one).
 * - Parallel view: fetches the other language's page of the same document (same origin,
 *   the URL the language switcher uses), pairs the paragraphs and the lines among them
 *   (headings of parts and annexes, closing lines) by their anchors (pp1…, op1…, ii-op1,
 *   annex-op3) and shows them side by side; on narrow screens they interleave. When the
 *   two texts do not have the same paragraphs, both are shown whole, side by side, with a
 *   notice: never paired wrongly. The reader's choice is remembered (localStorage).
 * - The header's language switcher leads to the paragraph being read, in the other
 *   language (its links are kept pointing at it as the reader scrolls).
 * - "/" opens the search box (when the search's own script has not done so already).
 * - On paper: the page's address and the day it was printed, at the head of the text.
 *
 * No request leaves the site; without JavaScript the page reads as a plain document.
 */
(function () {
  "use strict";

  var STORE = "un-reader.parallel";
  var PARAGRAPH = "p.un-pp[id], p.un-op[id]";
  /* The units of a text, in order: what the parallel view pairs. */
  var UNITS = [".un-front", ".un-mark-note", ".un-enacting", ".un-part", ".un-part-title", ".un-annex",
    ".un-annex-title", ".un-heading", ".un-separator", "p.un-pp", "p.un-op", ".un-meeting", ".un-date",
    ".un-closing", ".footnote"].map(function (s) { return ":scope > " + s; }).join(", ");
  var COPY_ICON = "M19 21H8V7h11m0-2H8a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h11a2 2 0 0 0 2-2V7a2 2 0 0 0-2-2m-3-4H4a2 2 0 0 0-2 2v14h2V3h12z";
  var QUOTE_ICON = "M10 7 8 11h3v6H5v-6l2-4zm8 0-2 4h3v6h-6v-6l2-4z";
  var DONE_ICON = "M21 7 9 19l-5.5-5.5 1.41-1.41L9 16.17 19.59 5.59z";
  var SVG = "http://www.w3.org/2000/svg";

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : all;
    });
  }

  /* The address of a page without its fragment: its canonical link, else where it was read. */
  function pageAddress(doc, fallback) {
    var link = doc.querySelector("link[rel=canonical]");
    var url = new URL(link && link.getAttribute("href") ? link.getAttribute("href") : fallback, fallback);
    url.hash = "";
    return url.href;
  }

  /* ---- copying -------------------------------------------------------------------------- */

  function icon(path) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var shape = document.createElementNS(SVG, "path");
    shape.setAttribute("d", path);
    svg.appendChild(shape);
    return svg;
  }

  function toast() {
    var element = document.querySelector(".un-toast");
    if (!element) {
      element = document.createElement("p");
      element.className = "un-toast";
      element.setAttribute("role", "status");
      element.setAttribute("aria-live", "polite");
      (document.querySelector("main") || document.body).appendChild(element);
    }
    return element;
  }

  function say(text) {
    var element = toast();
    element.textContent = text;
    clearTimeout(say.timer);
    say.timer = setTimeout(function () { element.textContent = ""; }, 4000);
  }

  function shorten(text) {
    return text.length > 160 ? text.slice(0, 100) + " … " + text.slice(-50) : text;
  }

  function writeClipboard(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return legacyCopy(text); });
    }
    return legacyCopy(text);
  }

  function legacyCopy(text) {
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var done = false;
      try { done = document.execCommand("copy"); } catch (error) { done = false; }
      area.remove();
      if (done) resolve(); else reject(new Error("copy refused"));
    });
  }

  function copy(button, text, labels, iconPath) {
    button.setAttribute("data-copied", text);
    writeClipboard(text).then(function () {
      button.classList.add("un-copied");
      swapIcon(button, DONE_ICON);
      say(labels.copied + ": " + shorten(text));
      setTimeout(function () {
        button.classList.remove("un-copied");
        swapIcon(button, iconPath);
      }, 2000);
    }, function () {
      say(labels.copy_failed + " " + text);
    });
  }

  function swapIcon(button, path) {
    var shape = button.querySelector("svg path");
    if (shape) shape.setAttribute("d", path);
  }

  /* The paragraph's text as read: without its number, footnote markers and controls. */
  function paragraphText(paragraph) {
    var clone = paragraph.cloneNode(true);
    clone.querySelectorAll(".un-tools, .un-num, sup[id^='fnref'], a[href^='#mark-']").forEach(function (node) {
      node.remove();
    });
    return clone.textContent.replace(/\s+/g, " ").trim();
  }

  /* The two copy buttons of a paragraph: its citation and address; its text with them.
     ``source`` is the page the paragraph comes from: its labels and address. */
  function paragraphButtons(paragraph, anchor, source, sayLabels) {
    var cite = paragraph.getAttribute("data-cite");
    if (!cite || paragraph.querySelector(".un-copy")) return;
    var labels = source.labels;
    var url = source.address + "#" + anchor;
    var colon = source.lang === "zh" ? "：" : ": ";
    var choices = [
      { kind: "para", icon: COPY_ICON, label: labels.copy,
        text: function () { return fill(labels.cite_with_link, { cite: cite, url: url }); } },
      { kind: "quote", icon: QUOTE_ICON, label: labels.copy_quote,
        text: function () { return fill(labels.quote_with_cite, { text: paragraphText(paragraph), cite: cite, url: url }); } }
    ];
    var group = tools(paragraph);
    choices.forEach(function (choice) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "un-copy un-copy--" + choice.kind;
      button.title = choice.label + colon + cite;
      button.setAttribute("aria-label", choice.label + " (" + anchor + ")");
      button.appendChild(icon(choice.icon));
      button.addEventListener("click", function () { copy(button, choice.text(), sayLabels, choice.icon); });
      group.appendChild(button);
    });
  }

  function tools(paragraph) {
    var group = paragraph.querySelector(":scope > .un-tools");
    if (!group) {
      group = document.createElement("span");
      group.className = "un-tools";
      paragraph.appendChild(group);
    }
    return group;
  }

  function paragraphs(root) {
    return Array.prototype.filter.call(root.querySelectorAll(PARAGRAPH),
      function (p) { return !p.closest(".un-cell--other"); });
  }

  /* ---- parallel view -------------------------------------------------------------------- */

  /* The text's units in order (each with the editor's notes under it). */
  function units(article) {
    var list = [];
    var unnamed = 0;
    Array.prototype.forEach.call(article.querySelectorAll(UNITS), function (node) {
      var key = node.id || (node.classList.contains("footnote") ? "footnotes" : "line-" + (unnamed += 1));
      var group = [node];
      var next = node.nextElementSibling;
      while (next && next.classList.contains("un-note")) {
        group.push(next);
        next = next.nextElementSibling;
      }
      list.push({ key: key, paragraph: node.matches(PARAGRAPH), nodes: group });
    });
    return list;
  }

  /* The paragraphs' anchors: the two texts pair only when they are the same. */
  function anchorsOf(list) {
    return list.filter(function (unit) { return unit.paragraph; })
      .map(function (unit) { return unit.key; }).join(" ");
  }

  /* A copy of the other page's nodes that can live in this page: ids kept as data-anchor
     (footnotes' prefixed), links made absolute, footnote links kept within the copy. */
  function adopt(nodes, other) {
    var prefix = other.lang + "-";
    return nodes.map(function (node) {
      var copyNode = document.importNode(node, true);
      var all = [copyNode].concat(Array.prototype.slice.call(copyNode.querySelectorAll("*")));
      all.forEach(function (element) {
        if (element.id) {
          element.setAttribute("data-anchor", element.id);
          if (/^fn(ref)?:/.test(element.id)) element.id = prefix + element.id;
          else element.removeAttribute("id");
        }
        if (element.matches(".un-alt, .un-copy, .headerlink")) {
          element.remove();
          return;
        }
        var href = element.getAttribute("href");
        if (element.tagName === "A" && href) {
          if (/^#fn(ref)?:/.test(href)) {
            element.setAttribute("href", "#" + prefix + href.slice(1));
          } else {
            element.setAttribute("href", new URL(href, other.base).href);
            /* A target keeps Material's language switcher from rerouting the link. */
            element.setAttribute("target", "_self");
          }
        }
      });
      return copyNode;
    });
  }

  function cell(kind, lang, nodes) {
    var element = document.createElement("div");
    element.className = "un-cell un-cell--" + kind;
    if (lang) element.setAttribute("lang", lang);
    nodes.forEach(function (node) { element.appendChild(node); });
    return element;
  }

  function row(own, other, key) {
    var element = document.createElement("div");
    element.className = "un-row";
    if (key) element.setAttribute("data-anchor", key);
    element.appendChild(own);
    element.appendChild(other);
    return element;
  }

  /* A column head: the language's name in that language, then, in the page's language,
     the mark of a text that is not official ("English（非正式译文）"). */
  function head(lang, name, mark) {
    var element = document.createElement("div");
    element.className = "un-cell";
    var span = document.createElement("span");
    span.setAttribute("lang", lang);
    span.textContent = name;
    element.appendChild(span);
    if (mark) {
      var note = document.createElement("span");
      note.className = "un-unofficial";
      note.textContent = mark;
      element.appendChild(note);
    }
    return element;
  }

  function header(data) {
    var own = head(data.lang, data.name, data.mark);
    var other = head(data.other.lang, data.other.name, data.other.mark);
    var element = row(own, other);
    element.classList.add("un-row--head");
    return element;
  }

  function otherText(html, url, data) {
    var parsed = new DOMParser().parseFromString(html, "text/html");
    var article = parsed.querySelector("article.md-content__inner") || parsed.body;
    var bar = parsed.querySelector(".un-reader[data-reader]");
    var otherData = bar ? JSON.parse(bar.getAttribute("data-reader")) : null;
    return {
      lang: parsed.documentElement.getAttribute("lang") || data.other.lang,
      base: url,
      address: pageAddress(parsed, url),
      units: units(article),
      labels: otherData ? otherData.labels : data.labels
    };
  }

  function Parallel(article, data, toggle) {
    this.article = article;
    this.data = data;
    this.toggle = toggle;
    this.view = null;
    this.request = null;
    this.own = null;
  }

  Parallel.prototype.load = function () {
    if (!this.request) {
      var url = new URL(this.data.other.url, location.href).href;
      var data = this.data;
      this.request = fetch(url, { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status + " " + url);
          return response.text();
        })
        .then(function (html) { return otherText(html, url, data); });
      var self = this;
      this.request.catch(function () { self.request = null; });
    }
    return this.request;
  };

  Parallel.prototype.show = function () {
    var self = this;
    this.setPressed(true);
    return this.load().then(function (other) {
      if (self.toggle.getAttribute("aria-pressed") !== "true" || self.view) return;
      self.build(other);
    }, function () {
      self.setPressed(false);
      say(self.data.labels.load_failed);
    });
  };

  Parallel.prototype.build = function (other) {
    var own = units(this.article);
    if (!own.length) return;
    this.own = own;
    var data = this.data;
    var view = document.createElement("div");
    view.className = "un-parallel";
    view.appendChild(header(data));
    var aligned = anchorsOf(own) === anchorsOf(other.units);
    view.setAttribute("data-aligned", String(aligned));
    own[0].nodes[0].before(view);
    if (aligned) {
      var byKey = {};
      other.units.forEach(function (unit) { byKey[unit.key] = unit; });
      own.forEach(function (unit) {
        var match = byKey[unit.key];
        view.appendChild(row(
          cell("own", null, unit.nodes),
          cell("other", other.lang, match ? adopt(match.nodes, other) : []),
          unit.key
        ));
      });
    } else {
      var notice = document.createElement("p");
      notice.className = "un-parallel__notice";
      notice.setAttribute("role", "note");
      notice.textContent = data.labels.not_aligned;
      view.insertBefore(notice, view.firstChild);
      var ownNodes = [];
      own.forEach(function (unit) { ownNodes = ownNodes.concat(unit.nodes); });
      var otherNodes = [];
      other.units.forEach(function (unit) { otherNodes = otherNodes.concat(adopt(unit.nodes, other)); });
      view.appendChild(row(cell("own", null, ownNodes), cell("other", other.lang, otherNodes)));
    }
    view.querySelectorAll(".un-cell--other p.un-pp, .un-cell--other p.un-op").forEach(function (p) {
      var anchor = p.getAttribute("data-anchor");
      if (anchor) paragraphButtons(p, anchor, other, data.labels);
    });
    this.view = view;
    document.body.classList.add("un-parallel-on");
    this.reveal();
  };

  Parallel.prototype.hide = function () {
    this.setPressed(false);
    if (!this.view) return;
    var view = this.view;
    this.own.forEach(function (unit) {
      unit.nodes.forEach(function (node) { view.before(node); });
    });
    view.remove();
    this.view = null;
    this.own = null;
    document.body.classList.remove("un-parallel-on");
    this.reveal();
  };

  Parallel.prototype.setPressed = function (pressed) {
    this.toggle.setAttribute("aria-pressed", String(pressed));
  };

  /* Keep the paragraph the address points at in view after the layout changed. */
  Parallel.prototype.reveal = function () {
    var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target) target.scrollIntoView();
  };

  function remember(on) {
    try { localStorage.setItem(STORE, on ? "1" : "0"); } catch (error) { /* private mode */ }
  }

  function remembered() {
    try { return localStorage.getItem(STORE) === "1"; } catch (error) { return false; }
  }

  /* ---- the language switcher keeps the reader's place ------------------------------------- */

  /* The anchor of what is being read: the paragraph the address points at while it is in
     view, else the first element with an id that begins at the top of the window (or one
     begun above it that still fills the window's upper third); none at the top of the page. */
  function placeInPage(article) {
    var header = document.querySelector(".md-header");
    var top = header ? header.getBoundingClientRect().bottom : 0;
    var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target && article.contains(target)) {
      var box = target.getBoundingClientRect();
      if (box.bottom > top && box.top < window.innerHeight) return target.id;
    }
    if (window.scrollY < 80) return "";
    /* Only the tail of a paragraph above does not make it the one being read, unless it
       still fills the upper third of the window. */
    var reading = top + (window.innerHeight - top) / 3;
    var candidates = article.querySelectorAll(":is(h2, h3, p, li)[id]");
    for (var i = 0; i < candidates.length; i += 1) {
      var element = candidates[i];
      if (element.closest(".un-cell--other")) continue;
      var rect = element.getBoundingClientRect();
      if (rect.bottom <= top + 8) continue;
      if (rect.top >= top - 8 || rect.bottom >= reading) return element.id;
    }
    return "";
  }

  function keepPlace(article) {
    var links = document.querySelectorAll(".md-select__link[hreflang]");
    if (!links.length) return;
    Array.prototype.forEach.call(links, function (link) {
      link.setAttribute("data-page", link.getAttribute("href").split("#")[0]);
      /* A target keeps Material's own handler (which drops the fragment) out of the way. */
      link.setAttribute("target", "_self");
    });
    /* The place is taken when the reader reaches for the switch (pointer over it, or focus
       in it) and held until they leave it: scrolling that opening or focusing the menu may
       cause is not the reader's. */
    var pending = false;
    var held = false;
    function update() {
      pending = false;
      if (held) return;
      var anchor = placeInPage(article);
      Array.prototype.forEach.call(links, function (link) {
        link.setAttribute("href", link.getAttribute("data-page") + (anchor ? "#" + encodeURIComponent(anchor) : ""));
      });
    }
    function schedule() {
      if (!pending && !held) {
        pending = true;
        window.requestAnimationFrame(update);
      }
    }
    function hold() {
      if (held) return;
      update();
      held = true;
    }
    function release() {
      held = false;
      schedule();
    }
    window.addEventListener("scroll", schedule, { passive: true });
    window.addEventListener("hashchange", schedule);
    window.addEventListener("resize", schedule);
    var menus = [];
    Array.prototype.forEach.call(links, function (link) {
      var menu = link.closest(".md-select") || link;
      if (menus.indexOf(menu) < 0) menus.push(menu);
    });
    menus.forEach(function (menu) {
      menu.addEventListener("pointerenter", hold);
      menu.addEventListener("pointerleave", release);
      menu.addEventListener("focusin", hold);
      menu.addEventListener("focusout", function (event) {
        if (!menu.contains(event.relatedTarget)) release();
      });
    });
    update();
  }

  /* ---- "/" opens the search box ------------------------------------------------------------ */

  function searchKey(event) {
    if (event.defaultPrevented || event.metaKey || event.ctrlKey || event.altKey || event.key !== "/") return;
    var active = document.activeElement;
    if (active && (active.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName))) return;
    var toggle = document.getElementById("__search");
    var input = document.querySelector(".md-search__input");
    if (!toggle || !input) return;
    event.preventDefault();
    toggle.checked = true;
    input.focus();
  }

  /* ---- on paper: the address and the day ------------------------------------------------- */

  function printInfo() {
    var line = document.querySelector(".un-print-info");
    if (!line) return;
    var date = line.querySelector(".un-print-info__date");
    var lang = document.documentElement.getAttribute("lang") === "zh" ? "zh-CN" : "en-GB";
    var format = new Intl.DateTimeFormat(lang, { year: "numeric", month: "long", day: "numeric" });
    function stamp() {
      if (date) date.textContent = fill(line.getAttribute("data-printed") || "{date}", { date: format.format(new Date()) });
    }
    stamp();
    window.addEventListener("beforeprint", stamp);
  }

  /* ---- start ------------------------------------------------------------------------------ */

  function init() {
    var article = document.querySelector("article.md-content__inner") || document.body;
    if (!init.once) {
      init.once = true;
      document.addEventListener("keydown", searchKey);
      keepPlace(article);
      printInfo();
    }
    var bar = document.querySelector(".un-reader[data-reader]");
    if (!bar || bar.hasAttribute("data-ready")) return;
    bar.setAttribute("data-ready", "");
    var data = JSON.parse(bar.getAttribute("data-reader"));
    var own = { lang: data.lang, labels: data.labels, address: pageAddress(document, location.href) };

    var documentButton = bar.querySelector(".un-reader__copy");
    var documentCitation = bar.querySelector(".un-reader__citation");
    if (documentButton && documentCitation) {
      documentButton.prepend(icon(COPY_ICON));
      documentButton.addEventListener("click", function () {
        var text = fill(data.labels.cite_with_link, { cite: documentCitation.textContent.trim(), url: own.address });
        copy(documentButton, text, data.labels, COPY_ICON);
      });
      documentButton.hidden = false;
    }
    paragraphs(article).forEach(function (p) { paragraphButtons(p, p.id, own, data.labels); });
    /* The links to the other language carry their name as aria-label only (small pages). */
    article.querySelectorAll("a.un-alt[aria-label]").forEach(function (a) {
      if (!a.title) a.title = a.getAttribute("aria-label");
    });

    var toggle = bar.querySelector(".un-reader__toggle");
    if (!toggle || !data.other || !window.fetch || !window.DOMParser) return;
    var parallel = new Parallel(article, data, toggle);
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var on = toggle.getAttribute("aria-pressed") !== "true";
      remember(on);
      if (on) parallel.show(); else parallel.hide();
    });
    if (remembered()) parallel.show();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
