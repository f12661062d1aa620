/* Pillole search text pipeline for the browser: the twin of search/pipeline.py and
 * search/italian.py (Snowball Italian, our own code from the published algorithm).
 * Both sides must turn a word into the same term, or a Python-built index finds nothing
 * here; tests/search/test_parity.py checks it on hundreds of words in Chromium.
 * Order: lowercase, fold accents, split on non letters/digits (apostrophes too: elision),
 * drop one-letter words and stop words (the list comes from the index manifest), stem. */
(function (root) {
  "use strict";

  var VOWELS = "aeiouàèìòù";
  var AEIO = "aeioàèìò";
  var ACUTE = { "á": "à", "é": "è", "í": "ì", "ó": "ò", "ú": "ù" };

  function byLength(list) {
    return list.split(/\s+/).filter(Boolean).sort(function (a, b) { return b.length - a.length; });
  }
  function set(list) {
    var s = {};
    list.split(/\s+/).filter(Boolean).forEach(function (w) { s[w] = true; });
    return s;
  }

  var PRONOUNS = byLength("ci gli la le li lo mi ne si ti vi sene gliela gliele glieli glielo gliene " +
    "mela mele meli melo mene tela tele teli telo tene cela cele celi celo cene vela vele veli velo vene");
  var GERUND = ["ando", "endo"];
  var INFINITIVE_STEM = ["ar", "er", "ir"];
  var DELETE_R2 = set("anza anze ico ici ica ice iche ichi ismo ismi abile abili ibile ibili ista iste " +
    "isti istà istè istì oso osi osa ose mente atrice atrici ante anti");
  var AZIONE = set("azione azioni atore atori");
  var LOGIA = set("logia logie");
  var UZIONE = set("uzione uzioni usione usioni");
  var ENZA = set("enza enze");
  var AMENTO = set("amento amenti imento imenti");
  var IVO = set("ivo ivi iva ive");
  var STEP1 = byLength([DELETE_R2, AZIONE, LOGIA, UZIONE, ENZA, AMENTO, IVO].map(function (s) {
    return Object.keys(s).join(" ");
  }).join(" ") + " amente ità");
  var VERB = byLength("ammo ando ano are arono asse assero assi assimo ata ate ati ato ava avamo avano " +
    "avate avi avo emmo enda ende endi endo erà erai eranno ere erebbe erebbero erei eremmo eremo " +
    "ereste eresti erete erò erono essero ete eva evamo evano evate evi evo iamo immo irà irai iranno " +
    "ire irebbe irebbero irei iremmo iremo ireste iresti irete irò irono isca iscano isce isci isco " +
    "iscono issero ita ite iti ito iva ivamo ivano ivate ivi ivo ono uta ute uti uto ar ir");

  function isVowel(c) { return c !== undefined && c !== "" && VOWELS.indexOf(c) >= 0; }
  function ends(word, suffix) { return word.length >= suffix.length && word.slice(word.length - suffix.length) === suffix; }

  function regions(word) {
    var n = word.length;
    function afterNext(start, wantVowel) {
      for (var i = start; i < n; i++) if (isVowel(word[i]) === wantVowel) return i + 1;
      return n;
    }
    var rv = n;
    if (word.indexOf("divan") === 0) rv = 5;
    else if (n >= 2) {
      var first = isVowel(word[0]), second = isVowel(word[1]);
      if (!second) rv = afterNext(2, true);
      else if (first) rv = afterNext(2, false);
      else if (n >= 3) rv = 3;
    }
    var r1 = n, r2 = n, i;
    for (i = 1; i < n; i++) if (!isVowel(word[i]) && isVowel(word[i - 1])) { r1 = i + 1; break; }
    for (i = r1 + 1; i < n; i++) if (!isVowel(word[i]) && isVowel(word[i - 1])) { r2 = i + 1; break; }
    return [rv, r1, r2];
  }

  function markGlides(word) {
    var chars = word.split("").map(function (c) { return ACUTE[c] || c; });
    var i;
    for (i = 1; i < chars.length; i++) if (chars[i] === "u" && chars[i - 1] === "q") chars[i] = "U";
    for (i = 1; i < chars.length - 1; i++) {
      if ((chars[i] === "u" || chars[i] === "i") && isVowel(chars[i - 1]) && isVowel(chars[i + 1])) {
        chars[i] = chars[i].toUpperCase();
      }
    }
    return chars.join("");
  }

  function longest(word, suffixes, start) {
    for (var i = 0; i < suffixes.length; i++) {
      var s = suffixes[i];
      if (ends(word, s) && word.length - s.length >= (start || 0)) return s;
    }
    return null;
  }

  function attachedPronoun(word, rv) {
    var pronoun = longest(word, PRONOUNS, 0);
    if (pronoun === null) return word;
    var before = word.slice(0, word.length - pronoun.length);
    var endings = GERUND.concat(INFINITIVE_STEM);
    for (var i = 0; i < endings.length; i++) {
      var e = endings[i];
      if (ends(before, e)) {
        if (before.length - e.length < rv) return word;
        return GERUND.indexOf(e) >= 0 ? before : before + "e";
      }
    }
    return word;
  }

  function standardSuffix(word, rv, r1, r2) {
    var suffix = longest(word, STEP1, 0);
    if (suffix === null) return null;
    var at = word.length - suffix.length;
    var stem = word.slice(0, at);
    var i, b;
    if (suffix === "amente") {
      if (at < r1) return null;
      var beforeA = ["iv", "os", "ic", "abil"];
      for (i = 0; i < beforeA.length; i++) {
        b = beforeA[i];
        if (ends(stem, b)) {
          if (stem.length - b.length >= r2) {
            stem = stem.slice(0, stem.length - b.length);
            if (b === "iv" && ends(stem, "at") && stem.length - 2 >= r2) stem = stem.slice(0, -2);
          }
          break;
        }
      }
      return stem;
    }
    if (AMENTO[suffix]) return at >= rv ? stem : null;
    if (at < r2) return null;
    if (DELETE_R2[suffix]) return stem;
    if (AZIONE[suffix]) return ends(stem, "ic") && stem.length - 2 >= r2 ? stem.slice(0, -2) : stem;
    if (LOGIA[suffix]) return stem + "log";
    if (UZIONE[suffix]) return stem + "u";
    if (ENZA[suffix]) return stem + "ente";
    if (suffix === "ità") {
      var beforeI = ["abil", "ic", "iv"];
      for (i = 0; i < beforeI.length; i++) {
        b = beforeI[i];
        if (ends(stem, b)) {
          if (stem.length - b.length >= r2) stem = stem.slice(0, stem.length - b.length);
          break;
        }
      }
      return stem;
    }
    if (ends(stem, "at") && stem.length - 2 >= r2) {
      stem = stem.slice(0, -2);
      if (ends(stem, "ic") && stem.length - 2 >= r2) stem = stem.slice(0, -2);
    }
    return stem;
  }

  function vowelSuffix(word, rv) {
    if (word.length && AEIO.indexOf(word[word.length - 1]) >= 0 && word.length - 1 >= rv) {
      word = word.slice(0, -1);
      if (ends(word, "i") && word.length - 1 >= rv) word = word.slice(0, -1);
    }
    if ((ends(word, "ch") || ends(word, "gh")) && word.length - 2 >= rv) word = word.slice(0, -1);
    return word;
  }

  /** Snowball Italian stem of one lowercase word (accents allowed, no apostrophes). */
  function stemIt(word) {
    word = markGlides(word);
    var r = regions(word), rv = r[0], r1 = r[1], r2 = r[2];
    word = attachedPronoun(word, rv);
    var removed = standardSuffix(word, rv, r1, r2);
    if (removed === null) {
      var verb = longest(word, VERB, rv);
      if (verb) word = word.slice(0, word.length - verb.length);
    } else {
      word = removed;
    }
    word = vowelSuffix(word, rv);
    return word.replace(/I/g, "i").replace(/U/g, "u");
  }

  /** Lowercase and strip accents: "Perché Città" -> "perche citta". */
  function fold(text) {
    return String(text).toLowerCase().normalize("NFD").replace(/\p{M}/gu, "");
  }

  /** Folded words, split at spaces, punctuation and apostrophes. */
  function words(text) {
    return fold(text).match(/[\p{L}\p{N}]+/gu) || [];
  }

  function stemmer(lang) {
    if (lang === "it") return stemIt;
    return function (word) { return root.lunr.stemmer(new root.lunr.Token(word, {})).toString(); };
  }

  /** word -> index term, or null for stop words and one-letter words. */
  function normalizer(lang, stopWords) {
    var stops = {}, stem = stemmer(lang);
    stopWords.forEach(function (w) { stops[w] = true; });
    return function (word) {
      if (word.length < 2 || stops[word] === true) return null;
      return stem(word);
    };
  }

  function terms(text, lang, stopWords) {
    var normalize = normalizer(lang, stopWords);
    return words(text).map(normalize).filter(Boolean);
  }

  /** Registers the lunr pipeline function "pillole-<lang>" (same label as the Python side). */
  function register(lunr, lang, stopWords) {
    var label = "pillole-" + lang;
    if (lunr.Pipeline.registeredFunctions[label]) return;
    var normalize = normalizer(lang, stopWords);
    var fn = function (token) {
      // lunr's own tokenizer keeps apostrophes and accents: "Dell'azienda" -> ["azi"]
      return words(token.toString()).map(normalize).filter(Boolean).map(function (term) {
        return token.clone(function () { return term; });
      });
    };
    lunr.Pipeline.registerFunction(fn, label);
  }

  root.PilloleText = { fold: fold, words: words, stemIt: stemIt, normalizer: normalizer, terms: terms, register: register };
})(typeof window !== "undefined" ? window : globalThis);
