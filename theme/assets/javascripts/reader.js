/* Reading tools on document pages (see build_tools/site/reader.py for the HTML side).
 *
 * - Copy buttons: one per paragraph (the citation in the page's language, e.g.
 *   "A/C.1/79/L.53/Rev.1, para. 2" / "A/C.1/79/L.53/Rev.1号文件第2段") and one for the
 *   document's bibliographic citation.
 * - Parallel view: fetches the other language's page of the same document (same origin,
 *   the URL the language switcher uses), pairs the paragraphs by their anchors (pp1…, op1…)
 *   and shows them side by side; on narrow screens they interleave. When the two texts do
 *   not have the same anchors, both are shown whole, side by side, with a notice: never
 *   paired wrongly. The reader's choice is remembered (localStorage).
 *
 * No request leaves the site; without JavaScript the page reads as a plain document.
 */
(function () {
  "use strict";

  var STORE = "un-reader.parallel";
  var ANCHOR = /^(pp|op)(\d+)([a-z]{1,2})?(?:-([ivxlc]+))?$/;
  var COPY_ICON = "M19 21H8V7h11m0-2H8a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h11a2 2 0 0 0 2-2V7a2 2 0 0 0-2-2m-3-4H4a2 2 0 0 0-2 2v14h2V3h12z";
  var DONE_ICON = "M21 7 9 19l-5.5-5.5 1.41-1.41L9 16.17 19.59 5.59z";
  var SVG = "http://www.w3.org/2000/svg";

  /* ---- citations ------------------------------------------------------------------------ */

  function paragraphNumber(anchor, lang) {
    var match = ANCHOR.exec(anchor);
    if (!match) return null;
    var parts = [match[2]];
    if (match[3]) parts.push("(" + match[3] + ")");
    if (match[4]) parts.push("(" + match[4] + ")");
    return { part: match[1], text: parts.join(lang === "zh" ? "" : " ") };
  }

  function citation(data, anchor) {
    var number = paragraphNumber(anchor, data.lang);
    if (!number || !data.cite || !data.cite[number.part]) return null;
    return data.cite[number.part].replace("{n}", number.text);
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
      document.body.appendChild(element);
    }
    return element;
  }

  function say(text) {
    var element = toast();
    element.textContent = text;
    clearTimeout(say.timer);
    say.timer = setTimeout(function () { element.textContent = ""; }, 4000);
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

  function copy(button, text, labels) {
    button.setAttribute("data-copied", text);
    writeClipboard(text).then(function () {
      button.classList.add("un-copied");
      swapIcon(button, DONE_ICON);
      say(labels.copied + ": " + text);
      setTimeout(function () {
        button.classList.remove("un-copied");
        swapIcon(button, COPY_ICON);
      }, 2000);
    }, function () {
      say(labels.copy_failed + " " + text);
    });
  }

  function swapIcon(button, path) {
    var shape = button.querySelector("svg path");
    if (shape) shape.setAttribute("d", path);
  }

  function paragraphButton(paragraph, data) {
    var text = citation(data, paragraph.id);
    if (!text || paragraph.querySelector(".un-copy")) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "un-copy un-copy--para";
    button.title = data.labels.copy + (data.lang === "zh" ? "：" : ": ") + text;
    button.setAttribute("aria-label", data.labels.copy + " (" + paragraph.id + ")");
    button.appendChild(icon(COPY_ICON));
    button.addEventListener("click", function () { copy(button, text, data.labels); });
    tools(paragraph).appendChild(button);
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
    return Array.prototype.filter.call(
      root.querySelectorAll("p.un-pp[id], p.un-op[id]"),
      function (p) { return !p.closest(".un-cell--other"); }
    );
  }

  /* ---- parallel view -------------------------------------------------------------------- */

  /* The text's units in order: enacting formula, paragraphs (each with the editor's notes
     under it), closing lines, footnotes. */
  function units(article) {
    var list = [];
    var nodes = article.querySelectorAll(":scope > .un-enacting, :scope > p.un-pp, :scope > p.un-op, :scope > .un-closing, :scope > .footnote");
    var closing = 0;
    Array.prototype.forEach.call(nodes, function (node) {
      var key = node.id || (node.classList.contains("footnote") ? "footnotes" : "closing-" + (closing += 1));
      var group = [node];
      var next = node.nextElementSibling;
      while (next && next.classList.contains("un-note")) {
        group.push(next);
        next = next.nextElementSibling;
      }
      list.push({ key: key, nodes: group });
    });
    return list;
  }

  function anchorsOf(list) {
    return list.map(function (unit) { return unit.key; })
      .filter(function (key) { return ANCHOR.test(key); }).join(" ");
  }

  /* A copy of the other page's nodes that can live in this page: ids prefixed, links made
     absolute, footnote links kept within the copy. */
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
        if (element.matches(".un-alt, .un-copy")) {
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

  function header(data) {
    var own = document.createElement("div");
    own.className = "un-cell";
    own.setAttribute("lang", data.lang);
    own.textContent = data.name;
    var other = document.createElement("div");
    other.className = "un-cell";
    other.setAttribute("lang", data.other.lang);
    other.textContent = data.other.name;
    var element = row(own, other);
    element.classList.add("un-row--head");
    return element;
  }

  function otherText(html, url, data) {
    var parsed = new DOMParser().parseFromString(html, "text/html");
    var article = parsed.querySelector("article.md-content__inner") || parsed.body;
    var bar = parsed.querySelector(".un-reader[data-reader]");
    return {
      lang: parsed.documentElement.getAttribute("lang") || data.other.lang,
      base: url,
      units: units(article),
      data: bar ? JSON.parse(bar.getAttribute("data-reader")) : null
    };
  }

  function Parallel(article, bar, data, toggle) {
    this.article = article;
    this.bar = bar;
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
    if (other.data) {
      view.querySelectorAll(".un-cell--other p.un-pp, .un-cell--other p.un-op").forEach(function (p) {
        var anchor = p.getAttribute("data-anchor");
        var text = anchor && citation(other.data, anchor);
        if (!text) return;
        var button = document.createElement("button");
        button.type = "button";
        button.className = "un-copy un-copy--para";
        button.title = other.data.labels.copy + (other.lang === "zh" ? "：" : ": ") + text;
        button.setAttribute("aria-label", other.data.labels.copy + " (" + anchor + ")");
        button.appendChild(icon(COPY_ICON));
        button.addEventListener("click", function () { copy(button, text, data.labels); });
        tools(p).appendChild(button);
      });
    }
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

  /* ---- start ------------------------------------------------------------------------------ */

  function init() {
    var bar = document.querySelector(".un-reader[data-reader]");
    if (!bar || bar.hasAttribute("data-ready")) return;
    bar.setAttribute("data-ready", "");
    var data = JSON.parse(bar.getAttribute("data-reader"));
    var article = bar.closest("article") || document.body;

    var documentButton = bar.querySelector(".un-reader__copy");
    var documentCitation = bar.querySelector(".un-reader__citation");
    if (documentButton && documentCitation) {
      documentButton.prepend(icon(COPY_ICON));
      documentButton.addEventListener("click", function () {
        copy(documentButton, documentCitation.textContent.trim(), data.labels);
      });
      documentButton.hidden = false;
    }
    paragraphs(article).forEach(function (p) { paragraphButton(p, data); });
    /* The links to the other language carry their name as aria-label only (small pages). */
    article.querySelectorAll("a.un-alt[aria-label]").forEach(function (a) {
      if (!a.title) a.title = a.getAttribute("aria-label");
    });

    var toggle = bar.querySelector(".un-reader__toggle");
    if (!toggle || !data.other || !window.fetch || !window.DOMParser) return;
    var parallel = new Parallel(article, bar, data, toggle);
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
