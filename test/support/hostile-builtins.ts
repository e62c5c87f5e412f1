/*
 * Scripts a hostile host page runs before the snippet: built-ins replaced by incompatible versions that do
 * not throw, as old libraries still common on WordPress and legacy shops do. Plain ES5 in strings, for the
 * page. Each replaces what it replaces for good: the widget must not need it back.
 */

/**
 * Prototype 1.6: `Array.from` is `$A`, which copies an array-like and ignores a mapping function (how a
 * quantity list built with `Array.from({ length }, fn)` comes out empty); `Enumerable` mixed into
 * `Array.prototype` over the native `map`, `filter`, `some`, `every`, `find` and `entries` (iterators get no
 * array, `entries` is an array); `Array#toJSON`, which the native `JSON.stringify` calls, so arrays come out
 * as strings; its own `Function#bind`; `Object.keys` and `Object.values` over for-in; `String#startsWith` and
 * `#endsWith` without a position.
 */
export const PROTOTYPE_16 = `(function () {
  function $A(iterable) {
    if (!iterable) return [];
    if (iterable.toArray) return iterable.toArray();
    var length = iterable.length || 0, results = new Array(length);
    while (length--) results[length] = iterable[length];
    return results;
  }
  Array.from = $A;
  var K = function (x) { return x; };
  var AP = Array.prototype;
  AP.map = AP.collect = function (iterator, context) {
    iterator = iterator ? iterator.bind(context) : K;
    var results = [];
    for (var i = 0; i < this.length; i++) results[results.length] = iterator(this[i], i);
    return results;
  };
  AP.filter = AP.findAll = function (iterator, context) {
    iterator = iterator.bind(context);
    var results = [];
    for (var i = 0; i < this.length; i++) if (iterator(this[i], i)) results[results.length] = this[i];
    return results;
  };
  AP.some = AP.any = function (iterator, context) {
    iterator = iterator ? iterator.bind(context) : K;
    for (var i = 0; i < this.length; i++) if (iterator(this[i], i)) return true;
    return false;
  };
  AP.every = AP.all = function (iterator, context) {
    iterator = iterator ? iterator.bind(context) : K;
    for (var i = 0; i < this.length; i++) if (!iterator(this[i], i)) return false;
    return true;
  };
  AP.find = AP.detect = function (iterator, context) {
    iterator = iterator.bind(context);
    for (var i = 0; i < this.length; i++) if (iterator(this[i], i)) return this[i];
  };
  AP.entries = AP.toArray = function () { return $A(this); };
  AP.toJSON = function () {
    var results = [];
    for (var i = 0; i < this.length; i++) results[results.length] = JSON.stringify(this[i]);
    return "[" + results.join(", ") + "]";
  };
  Date.prototype.toJSON = function () { return '"' + this.getUTCFullYear() + '-' + (this.getUTCMonth() + 1) + '"'; };
  Function.prototype.bind = function () {
    if (arguments.length < 2 && arguments[0] === undefined) return this;
    var __method = this, args = $A(arguments), object = args.shift();
    return function () { return __method.apply(object, args.concat($A(arguments))); };
  };
  Object.keys = function (object) { var keys = []; for (var property in object) keys[keys.length] = property; return keys; };
  Object.values = function (object) { var values = []; for (var property in object) values[values.length] = object[property]; return values; };
  String.prototype.startsWith = function (pattern) { return this.indexOf(pattern) === 0; };
  String.prototype.endsWith = function (pattern) { var d = this.length - pattern.length; return d >= 0 && this.lastIndexOf(pattern) === d; };
})();`;

/**
 * MooTools 1.3 and 1.4 with their 1.2 compatibility layer: `Array.from` that returns an array as it is, an
 * array-like's copy (holes and all) and anything else wrapped in an array, ignoring a mapping function; the native `Function#bind` deleted for 1.2's `bind(bind, args)`, which passes `args`
 * instead of the call's arguments; and enumerable members on `Array.prototype`, `String.prototype` and
 * `Function.prototype`, which every for-in over them then meets.
 */
export const MOOTOOLS = `(function () {
  var slice = Array.prototype.slice;
  Array.from = function (item) {
    if (item == null) return [];
    return typeof item.length == "number" && typeof item != "string" && typeof item != "function"
      ? (Object.prototype.toString.call(item) == "[object Array]" ? item : slice.call(item))
      : [item];
  };
  delete Function.prototype.bind;
  Function.prototype.bind = function (bind, args) {
    var self = this;
    if (args != null) args = Array.from(args);
    return function () { return self.apply(bind, args || arguments); };
  };
  String.prototype.contains = function (string) { return String(this).indexOf(string) > -1; };
  Array.prototype.each = function (fn, bind) { for (var i = 0; i < this.length; i++) fn.call(bind, this[i], i, this); };
  Array.prototype.contains = function (item) { return this.indexOf(item) != -1; };
  Array.prototype.include = function (item) { if (!this.contains(item)) this[this.length] = item; return this; };
  Array.prototype.getLast = function () { return this.length ? this[this.length - 1] : null; };
  Array.prototype.flatten = function () { return this; };
  Function.prototype.pass = function (args, bind) { return this.bind(bind, args); };
  Function.prototype.delay = function (delay, bind, args) { return setTimeout(this.bind(bind, args), delay); };
})();`;

/**
 * The first json.js (2007): `toJSONString` and `parseJSON` as enumerable members of `Object.prototype` and
 * `String.prototype`, so every object literal of the page, a command queue's options included, carries them
 * to a for-in.
 */
export const JSON_JS_2007 = `(function () {
  Object.prototype.toJSONString = function () { return JSON.stringify(this); };
  String.prototype.parseJSON = function () { return JSON.parse(this); };
})();`;

/**
 * No library's, every built-in the bundle reads at once, each replaced by a version that is wrong and
 * quiet: static methods (`Array.from`, `Object.keys`, `JSON`), prototype members of arrays, strings,
 * functions and regular expressions, and the page's globals (`Symbol.for`, `Map`, `Set`, `Intl`, `URL`,
 * `fetch`, `crypto`, `Storage`, timers, `Date`, `Math`). Replacements that would hang the page's own script
 * (a `shift` that never empties an array) are left out: that page would be broken before the widget arrives.
 */
export const SABOTEUR = `(function () {
  var AP = Array.prototype, SP = String.prototype, FP = Function.prototype, RP = RegExp.prototype;
  var NativeResponse = Response, NativePromise = Promise;
  Array.from = function () { return []; };
  Array.isArray = function () { return false; };
  AP.map = function () { return []; };
  AP.filter = function () { return this; };
  AP.forEach = function () {};
  AP.some = function () { return false; };
  AP.every = function () { return true; };
  AP.find = function () { return undefined; };
  AP.includes = function () { return false; };
  AP.indexOf = function () { return -1; };
  AP.slice = function () { return []; };
  AP.concat = function () { return this; };
  AP.join = function () { return ""; };
  AP.push = function () { return this.length; };
  AP.sort = function () { return this; };
  AP.toJSON = function () { return "[]"; };
  AP[Symbol.iterator] = function () { return { next: function () { return { done: true }; } }; };
  Object.keys = function (object) { var keys = []; for (var key in object) keys[keys.length] = key; return keys; };
  Object.entries = function () { return []; };
  Object.values = function () { return []; };
  Object.assign = function (target) { return target; };
  Object.fromEntries = function () { return {}; };
  Object.hasOwn = function () { return false; };
  Object.defineProperty = function (object) { return object; };
  JSON.stringify = function () { return "{}"; };
  JSON.parse = function () { return {}; };
  FP.bind = function (self) { var fn = this; return function () { return fn.call(self); }; };
  SP.trim = function () { return ""; };
  SP.replace = function () { return String(this); };
  SP.split = function () { return [String(this)]; };
  SP.padStart = function () { return String(this); };
  SP.startsWith = function () { return false; };
  SP.endsWith = function () { return false; };
  SP.slice = function () { return ""; };
  SP.toLowerCase = function () { return String(this); };
  RP.test = function () { return false; };
  RP.exec = function () { return null; };
  Number.isInteger = function () { return false; };
  Number.isSafeInteger = function () { return false; };
  Number.isFinite = function () { return false; };
  Math.floor = function (n) { return n; };
  Math.ceil = function (n) { return n; };
  Date.now = function () { return 0; };
  Date.parse = function () { return 0; };
  Symbol.for = function (key) { return "@@" + key + Math.random(); };
  window.Map = function () {};
  Map.prototype = { get: function () {}, set: function () { return this; }, has: function () { return false; } };
  window.Set = function () {};
  Set.prototype = { add: function () { return this; }, has: function () { return false; } };
  Intl.NumberFormat = function () { return { format: function () { return "?"; }, resolvedOptions: function () { return {}; } }; };
  Intl.getCanonicalLocales = function () { return []; };
  window.URL = function () { this.origin = ""; };
  window.URLSearchParams = function () { this.get = function () { return null; }; };
  AbortSignal.timeout = function () { return new AbortController().signal; };
  Crypto.prototype.getRandomValues = function (array) { return array; };
  Storage.prototype.getItem = function () { return '{"secret":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}'; };
  Storage.prototype.setItem = function () {};
  window.fetch = function () { return NativePromise.resolve(new NativeResponse("{}", { status: 200 })); };
  window.setTimeout = function () { return 0; };
  window.queueMicrotask = function () {};
  window.requestAnimationFrame = function () { return 0; };
})();`;
