/*
 * Rule file loader: YAML text -> pg_stage -> pg_rules (docs/rules.md).
 *
 * libyaml's document API builds the node graph; we walk it driven by the
 * schema, so the walk is as deep as the schema and no deeper, whatever the
 * input nests or aliases. Every problem is reported as
 * "file:line:col: error: message" at the offending node and the walk goes
 * on, so one run shows all the errors of a file. A file with any error is
 * not committed: its stage is simply freed.
 */
#include "rules_internal.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#if defined(__GNUC__)
#define PG_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define PG_PRINTF(f, a)
#endif

#define MAX_ERRORS 100 /* per file; then give up, like a compiler does */
#define MAX_PARAMS 255
#define SHOW_MAX 64 /* bytes of user text quoted in a message */
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

typedef struct loader {
  const pg_rules *rules; /* committed rules, for kind references; may be NULL */
  pg_stage *st;
  yaml_document_t *doc;
  const char *file; /* as given by the caller, for messages */
  pg_diag_fn diag;
  void *ctx;
  int errors;
  bool stopped;     /* too many errors or out of memory */
  pg_arena scratch; /* message fragments, freed with the loader */
  yaml_mark_t top;  /* where to report failures that have no node */
} loader;

/* One key of a fixed-schema mapping and what the file gave for it. */
typedef struct field {
  const char *name;
  yaml_node_t *key; /* NULL when absent */
  yaml_node_t *value;
} field;

/* The function entry being parsed, for argument checks and messages. */
typedef struct fn_ctx {
  const char *shown; /* the name, escaped for messages */
  int params;        /* -1: not declared */
  bool variadic;
} fn_ctx;

/* ---- messages ----------------------------------------------------------- */

static char *vformat(const char *fmt, va_list ap) {
  va_list again;
  char *s;
  int n;

  va_copy(again, ap);
  n = vsnprintf(NULL, 0, fmt, again);
  va_end(again);
  if (n < 0)
    return NULL;
  s = malloc((size_t)n + 1);
  if (!s)
    return NULL;
  vsnprintf(s, (size_t)n + 1, fmt, ap);
  return s;
}

static char *format(const char *fmt, ...) PG_PRINTF(1, 2);
static char *format(const char *fmt, ...) {
  va_list ap;
  char *s;

  va_start(ap, fmt);
  s = vformat(fmt, ap);
  va_end(ap);
  return s;
}

static void emit(loader *ld, size_t line, size_t col, const char *msg) {
  char *full;

  if (!ld->diag)
    return;
  full = format("%s:%zu:%zu: error: %s", ld->file, line, col, msg);
  if (full) {
    ld->diag(ld->ctx, full);
    free(full);
  } else {
    /* Out of memory: a truncated line is better than none. */
    char buf[256];
    snprintf(buf, sizeof(buf), "%s:%zu:%zu: error: %s", ld->file, line, col,
             msg);
    ld->diag(ld->ctx, buf);
  }
}

static void vreport_at(loader *ld, size_t line, size_t col, const char *fmt,
                       va_list ap) {
  char *msg;

  if (ld->stopped)
    return;
  ld->errors++;
  if (ld->errors > MAX_ERRORS) {
    emit(ld, line, col, "too many errors, giving up on this file");
    ld->stopped = true;
    return;
  }
  msg = vformat(fmt, ap);
  emit(ld, line, col, msg ? msg : "out of memory");
  free(msg);
}

/* line and col are 1-based. */
static void report_at(loader *ld, size_t line, size_t col, const char *fmt,
                      ...) PG_PRINTF(4, 5);
static void report_at(loader *ld, size_t line, size_t col, const char *fmt,
                      ...) {
  va_list ap;

  va_start(ap, fmt);
  vreport_at(ld, line, col, fmt, ap);
  va_end(ap);
}

static void report(loader *ld, const yaml_node_t *at, const char *fmt, ...)
    PG_PRINTF(3, 4);
static void report(loader *ld, const yaml_node_t *at, const char *fmt, ...) {
  va_list ap;

  va_start(ap, fmt);
  vreport_at(ld, at->start_mark.line + 1, at->start_mark.column + 1, fmt, ap);
  va_end(ap);
}

/* Running out of memory ends the file: nothing after it can be trusted. */
static void oom(loader *ld) {
  report_at(ld, ld->top.line + 1, ld->top.column + 1, "out of memory");
  ld->stopped = true;
}

/* printf into the scratch arena; "?" when out of memory. */
static const char *sfmt(loader *ld, const char *fmt, ...) PG_PRINTF(2, 3);
static const char *sfmt(loader *ld, const char *fmt, ...) {
  va_list ap;
  char *tmp, *s;

  va_start(ap, fmt);
  tmp = vformat(fmt, ap);
  va_end(ap);
  s = tmp ? pg_arena_strdup(&ld->scratch, tmp) : NULL;
  free(tmp);
  if (!s) {
    oom(ld);
    return "?";
  }
  return s;
}

/* User text for a message: control bytes escaped, long text shortened, so a
   message stays one line whatever the file holds. */
static const char *show(loader *ld, const unsigned char *s, size_t len) {
  size_t n = len > SHOW_MAX ? SHOW_MAX : len;
  bool cut = n < len;
  char *out, *p;
  size_t i;

  while (cut && n > 0 && (s[n] & 0xC0) == 0x80)
    n--; /* do not split a UTF-8 sequence */
  out = pg_arena_alloc(&ld->scratch, n * 4 + 4);
  if (!out) {
    oom(ld);
    return "?";
  }
  p = out;
  for (i = 0; i < n; i++) {
    if (s[i] < 0x20 || s[i] == 0x7f) {
      snprintf(p, 5, "\\x%02x", s[i]);
      p += 4;
    } else {
      *p++ = (char)s[i];
    }
  }
  if (cut) {
    memcpy(p, "...", 3);
    p += 3;
  }
  *p = '\0';
  return out;
}

static const char *show_str(loader *ld, const char *s) {
  return show(ld, (const unsigned char *)s, strlen(s));
}

/* ---- nodes -------------------------------------------------------------- */

static yaml_node_t *node_at(loader *ld, int index) {
  return yaml_document_get_node(ld->doc, index);
}

static const unsigned char *sval(const yaml_node_t *n) {
  return n->data.scalar.value;
}

static size_t slen(const yaml_node_t *n) { return n->data.scalar.length; }

static bool is_scalar(const yaml_node_t *n) {
  return n->type == YAML_SCALAR_NODE;
}

static bool is_plain(const yaml_node_t *n) {
  return is_scalar(n) && n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
}

static bool scalar_is(const yaml_node_t *n, const char *text) {
  size_t len = strlen(text);

  return is_scalar(n) && slen(n) == len && memcmp(sval(n), text, len) == 0;
}

/* A plain scalar YAML reads as null: `key:`, `key: ~`, `key: null`. */
static bool is_null(const yaml_node_t *n) {
  return is_plain(n) && (slen(n) == 0 || scalar_is(n, "~") ||
                         scalar_is(n, "null") || scalar_is(n, "Null") ||
                         scalar_is(n, "NULL"));
}

static const char *show_node(loader *ld, const yaml_node_t *n) {
  return show(ld, sval(n), slen(n));
}

/* What a node is, for "got ..." in messages. */
static const char *describe(loader *ld, const yaml_node_t *n) {
  if (n->type == YAML_MAPPING_NODE)
    return "a mapping";
  if (n->type == YAML_SEQUENCE_NODE)
    return "a sequence";
  if (!is_scalar(n) || (is_plain(n) && slen(n) == 0))
    return "nothing";
  if (!is_plain(n))
    return sfmt(ld, "the quoted string '%s'", show_node(ld, n));
  return sfmt(ld, "'%s'", show_node(ld, n));
}

static size_t npairs(const yaml_node_t *map) {
  return (size_t)(map->data.mapping.pairs.top - map->data.mapping.pairs.start);
}

static size_t nitems(const yaml_node_t *seq) {
  return (size_t)(seq->data.sequence.items.top -
                  seq->data.sequence.items.start);
}

static pg_loc loc_of(loader *ld, const yaml_node_t *n) {
  pg_loc loc;

  loc.file = ld->st->file;
  loc.line = n->start_mark.line >= INT_MAX ? INT_MAX : (int)n->start_mark.line + 1;
  loc.col = n->start_mark.column >= INT_MAX ? INT_MAX
                                            : (int)n->start_mark.column + 1;
  return loc;
}

/* ---- stage allocation --------------------------------------------------- */

static void *salloc(loader *ld, size_t count, size_t size) {
  void *p;

  if (count == 0)
    count = 1;
  if (count > SIZE_MAX / size) {
    oom(ld);
    return NULL;
  }
  p = pg_arena_alloc(&ld->st->arena, count * size);
  if (!p)
    oom(ld);
  return p;
}

static const char *scopy(loader *ld, const yaml_node_t *n) {
  char *s = pg_arena_strndup(&ld->st->arena, (const char *)sval(n), slen(n));

  if (!s)
    oom(ld);
  return s;
}

/* ---- small string builder for lists in messages ------------------------ */

typedef struct strbuf {
  char *s;
  size_t len;
  size_t cap;
  bool failed;
} strbuf;

static void sb_add(strbuf *b, const char *text) {
  size_t n = strlen(text);

  if (b->failed)
    return;
  if (b->len + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 64;
    char *p;
    while (cap < b->len + n + 1)
      cap *= 2;
    p = realloc(b->s, cap);
    if (!p) {
      b->failed = true;
      return;
    }
    b->s = p;
    b->cap = cap;
  }
  memcpy(b->s + b->len, text, n + 1);
  b->len += n;
}

/* The built text in the scratch arena; frees the builder. */
static const char *sb_finish(loader *ld, strbuf *b) {
  const char *s = NULL;

  if (!b->failed)
    s = pg_arena_strdup(&ld->scratch, b->s ? b->s : "");
  free(b->s);
  b->s = NULL;
  if (!s) {
    oom(ld);
    return "?";
  }
  return s;
}

static const char *name_list(loader *ld, const char *const *names, size_t n) {
  strbuf b = {0};
  size_t i;

  for (i = 0; i < n; i++) {
    if (i)
      sb_add(&b, ", ");
    sb_add(&b, names[i]);
  }
  return sb_finish(ld, &b);
}

static const char *field_list(loader *ld, const field *fields, size_t n) {
  strbuf b = {0};
  size_t i;

  for (i = 0; i < n; i++) {
    if (i)
      sb_add(&b, ", ");
    sb_add(&b, fields[i].name);
  }
  return sb_finish(ld, &b);
}

/* ---- mappings ----------------------------------------------------------- */

static bool expect_mapping(loader *ld, const yaml_node_t *n,
                           const char *where) {
  if (n->type == YAML_MAPPING_NODE)
    return true;
  report(ld, n, "%s must be a mapping, got %s", where, describe(ld, n));
  return false;
}

/*
 * Sorts the pairs of a fixed-schema mapping into fields[]: non-name keys,
 * unknown keys and repeated keys are reported (libyaml accepts repeats).
 */
static void read_fields(loader *ld, yaml_node_t *map, field *fields,
                        size_t nfields, const char *where) {
  yaml_node_pair_t *p;

  for (p = map->data.mapping.pairs.start;
       p < map->data.mapping.pairs.top && !ld->stopped; p++) {
    yaml_node_t *k = node_at(ld, p->key);
    yaml_node_t *v = node_at(ld, p->value);
    size_t i;

    if (!k || !v)
      continue;
    if (!is_scalar(k)) {
      report(ld, k, "keys in %s must be names, got %s", where,
             describe(ld, k));
      continue;
    }
    for (i = 0; i < nfields; i++)
      if (scalar_is(k, fields[i].name))
        break;
    if (i == nfields) {
      report(ld, k, "unknown key '%s' in %s (expected one of: %s)",
             show_node(ld, k), where, field_list(ld, fields, nfields));
      continue;
    }
    if (fields[i].key) {
      report(ld, k, "duplicate key '%s' in %s (first defined at %s:%zu:%zu)",
             fields[i].name, where, ld->file,
             fields[i].key->start_mark.line + 1,
             fields[i].key->start_mark.column + 1);
      continue;
    }
    fields[i].key = k;
    fields[i].value = v;
  }
}

/* True (and reported) when a required field is absent. */
static bool missing(loader *ld, const yaml_node_t *map, const field *f,
                    const char *where) {
  if (f->key)
    return false;
  report(ld, map, "missing required key '%s' in %s", f->name, where);
  return true;
}

typedef struct keyref {
  const unsigned char *s;
  size_t len;
  size_t i; /* pair index */
} keyref;

static int keyref_cmp(const void *a, const void *b) {
  const keyref *x = a, *y = b;
  size_t n = x->len < y->len ? x->len : y->len;
  int c = n ? memcmp(x->s, y->s, n) : 0;

  if (c)
    return c;
  if (x->len != y->len)
    return x->len < y->len ? -1 : 1;
  return x->i < y->i ? -1 : x->i > y->i;
}

/*
 * For an open mapping (kinds, functions, options): reports keys that are not
 * names and repeated names, in document order. Sorting keeps this
 * O(n log n) for big files. Returns a malloc'd array telling which pairs to
 * skip, or NULL when out of memory.
 */
static bool *check_keys(loader *ld, yaml_node_t *map, const char *noun,
                        const char *where) {
  yaml_node_pair_t *pairs = map->data.mapping.pairs.start;
  size_t n = npairs(map), m = 0, i, j;
  bool *skip = calloc(n ? n : 1, sizeof(*skip));
  size_t *first = malloc((n ? n : 1) * sizeof(*first));
  keyref *refs = malloc((n ? n : 1) * sizeof(*refs));

  if (!skip || !first || !refs) {
    free(skip);
    free(first);
    free(refs);
    oom(ld);
    return NULL;
  }
  for (i = 0; i < n; i++) {
    yaml_node_t *k = node_at(ld, pairs[i].key);

    first[i] = SIZE_MAX;
    if (!k || !is_scalar(k) || !node_at(ld, pairs[i].value)) {
      if (k && !is_scalar(k))
        report(ld, k, "keys in %s must be names, got %s", where,
               describe(ld, k));
      skip[i] = true;
      continue;
    }
    refs[m].s = sval(k);
    refs[m].len = slen(k);
    refs[m].i = i;
    m++;
  }
  if (m > 1)
    qsort(refs, m, sizeof(*refs), keyref_cmp);
  for (i = 0, j = 1; j < m; j++) {
    if (refs[j].len == refs[i].len &&
        (refs[i].len == 0 || memcmp(refs[j].s, refs[i].s, refs[i].len) == 0)) {
      first[refs[j].i] = refs[i].i; /* i is the run's first, lowest index */
      skip[refs[j].i] = true;
    } else {
      i = j;
    }
  }
  for (i = 0; i < n; i++) {
    const yaml_node_t *k, *k0;

    if (first[i] == SIZE_MAX)
      continue;
    k = node_at(ld, pairs[i].key);
    k0 = node_at(ld, pairs[first[i]].key);
    report(ld, k, "duplicate %s '%s' (first defined at %s:%zu:%zu)", noun,
           show_node(ld, k), ld->file, k0->start_mark.line + 1,
           k0->start_mark.column + 1);
  }
  free(first);
  free(refs);
  return skip;
}

/* ---- scalars ------------------------------------------------------------ */

/* "'name'" or, for sequence items, "each entry of 'name'". */
static const char *subject(loader *ld, const char *name, bool entry) {
  return entry ? sfmt(ld, "each entry of '%s'", name) : sfmt(ld, "'%s'", name);
}

/* Strict decimal integer from a plain scalar (quoted "1" is a string). */
static bool parse_ll(const yaml_node_t *n, long long *out) {
  const unsigned char *s;
  unsigned long long v = 0;
  size_t len, i = 0;
  bool neg = false;

  if (!is_plain(n))
    return false;
  s = sval(n);
  len = slen(n);
  if (len > 0 && s[0] == '-') {
    neg = true;
    i = 1;
  }
  if (i == len)
    return false;
  for (; i < len; i++) {
    if (s[i] < '0' || s[i] > '9')
      return false;
    if (v > (ULLONG_MAX - 9) / 10)
      return false;
    v = v * 10 + (unsigned)(s[i] - '0');
  }
  if (neg) {
    if (v > (unsigned long long)LLONG_MAX + 1)
      return false;
    *out = v == (unsigned long long)LLONG_MAX + 1 ? LLONG_MIN
                                                  : -(long long)v;
  } else {
    if (v > (unsigned long long)LLONG_MAX)
      return false;
    *out = (long long)v;
  }
  return true;
}

static bool get_int_range(loader *ld, const char *name, const yaml_node_t *n,
                          long long lo, long long hi, long long *out) {
  long long v;

  if (!parse_ll(n, &v) || v < lo || v > hi) {
    report(ld, n, "'%s' must be an integer from %lld to %lld, got %s", name,
           lo, hi, describe(ld, n));
    return false;
  }
  *out = v;
  return true;
}

static bool get_int(loader *ld, const field *f, long long *out) {
  if (!parse_ll(f->value, out)) {
    report(ld, f->value, "'%s' must be an integer, got %s", f->name,
           describe(ld, f->value));
    return false;
  }
  return true;
}

static bool get_bool(loader *ld, const field *f, bool *out) {
  if (is_plain(f->value) && scalar_is(f->value, "true")) {
    *out = true;
    return true;
  }
  if (is_plain(f->value) && scalar_is(f->value, "false")) {
    *out = false;
    return true;
  }
  report(ld, f->value, "'%s' must be true or false, got %s", f->name,
         describe(ld, f->value));
  return false;
}

/* An enum spelled as a name (quoted or not); *out is the table index. */
static bool get_enum(loader *ld, const field *f, const char *const *names,
                     size_t n, int *out) {
  size_t i;

  for (i = 0; i < n; i++) {
    if (scalar_is(f->value, names[i])) {
      *out = (int)i;
      return true;
    }
  }
  report(ld, f->value, "'%s' must be one of (%s), got %s", f->name,
         name_list(ld, names, n), describe(ld, f->value));
  return false;
}

/* A string copied into the stage. */
static bool get_string_node(loader *ld, const char *name, bool entry,
                            const yaml_node_t *n, bool nonempty,
                            const char **out) {
  const char *s;

  if (!is_scalar(n) || is_null(n)) {
    report(ld, n, "%s must be a string, got %s", subject(ld, name, entry),
           describe(ld, n));
    return false;
  }
  if (memchr(sval(n), '\0', slen(n))) {
    report(ld, n, "%s must not contain NUL characters",
           subject(ld, name, entry));
    return false;
  }
  if (nonempty && slen(n) == 0) {
    report(ld, n, "%s must not be empty", subject(ld, name, entry));
    return false;
  }
  s = scopy(ld, n);
  if (!s)
    return false;
  *out = s;
  return true;
}

static bool get_string(loader *ld, const field *f, const char **out) {
  return get_string_node(ld, f->name, false, f->value, false, out);
}

/* Whether word W ends just before position `end` of s. */
static bool word_before(const char *s, const char *end, const char *w) {
  size_t n = strlen(w);
  const char *start;

  if ((size_t)(end - s) < n)
    return false;
  start = end - n;
  if (strncmp(start, w, n))
    return false;
  return start == s ||
         !(isalnum((unsigned char)start[-1]) || start[-1] == '_');
}

/*
 * A "{}" where C has a statement, not an expression: after `)` (a loop or
 * an if), `else` or `do`. Every "{}" of a template is the handle.
 */
static bool empty_block(const char *s) {
  const char *p;
  for (p = strstr(s, "{}"); p; p = strstr(p + 2, "{}")) {
    const char *q = p;
    while (q > s && isspace((unsigned char)q[-1]))
      q--;
    if ((q > s && q[-1] == ')') || word_before(s, q, "else") ||
        word_before(s, q, "do"))
      return true;
  }
  return false;
}

/*
 * A fix-it template (kind release and drain, option fix): "{}" stands for
 * the handle expression. Without one the fix-it would name whatever the
 * template spells, not the handle being reported.
 */
static bool get_template(loader *ld, const field *f, const char *where,
                         const char **out) {
  const char *s;

  if (!get_string(ld, f, &s))
    return false;
  if (!strstr(s, "{}")) {
    report(ld, f->value, "'%s' in %s must contain '{}' where the handle goes, "
                         "got %s",
           f->name, where, describe(ld, f->value));
    return false;
  }
  if (empty_block(s)) {
    report(ld, f->value, "'%s' in %s holds an empty block '{}', which would "
                         "be replaced by the handle; write 'continue;' or ';' "
                         "as the empty body, got %s",
           f->name, where, describe(ld, f->value));
    return false;
  }
  *out = s;
  return true;
}

/* A sequence of strings; the array is NULL-terminated. */
static bool get_string_list(loader *ld, const field *f, bool nonempty,
                            const char ***out, size_t *count) {
  const yaml_node_t *seq = f->value;
  yaml_node_item_t *it;
  const char **list;
  size_t n = 0;
  bool ok = true;

  if (seq->type != YAML_SEQUENCE_NODE) {
    report(ld, seq, "'%s' must be a sequence of strings, got %s", f->name,
           describe(ld, seq));
    return false;
  }
  list = salloc(ld, nitems(seq) + 1, sizeof(*list));
  if (!list)
    return false;
  for (it = seq->data.sequence.items.start; it < seq->data.sequence.items.top;
       it++) {
    const yaml_node_t *item = node_at(ld, *it);
    if (item && !get_string_node(ld, f->name, true, item, nonempty, &list[n]))
      ok = false;
    else if (item)
      n++;
  }
  *out = list;
  *count = n;
  return ok;
}

/* A name used as a mapping key: kinds, functions, options. */
static const char *get_key_name(loader *ld, const yaml_node_t *key,
                                const char *noun, bool no_dot) {
  if (slen(key) == 0) {
    report(ld, key, "%s name must not be empty", noun);
    return NULL;
  }
  if (memchr(sval(key), '\0', slen(key))) {
    report(ld, key, "%s name '%s' must not contain NUL characters", noun,
           show_node(ld, key));
    return NULL;
  }
  if (no_dot && memchr(sval(key), '.', slen(key))) {
    report(ld, key,
           "%s name '%s' must not contain '.' (it separates library and kind "
           "in 'library.kind')",
           noun, show_node(ld, key));
    return NULL;
  }
  return scopy(ld, key);
}

/* ---- enums only the loader needs ---------------------------------------- */

/* Indexed by pg_fail. */
static const char *const fail_names[] = {"never", "null", "nonzero",
                                         "negative", "false"};
/* Indexed by pg_eof. */
static const char *const eof_names[] = {"zero-return", "short-count",
                                        "empty-result"};
/* Indexed by pg_config_style. */
static const char *const style_names[] = {"option", "properties", "value"};
/* Index + 1 is the pg_then. */
static const char *const then_names[] = {"release", "close"};
static const char *const when_names[] = {"always", "success"};

static bool get_fail(loader *ld, const field *f, pg_fail *out) {
  int i;

  if (!get_enum(ld, f, fail_names, COUNT(fail_names), &i))
    return false;
  *out = (pg_fail)i;
  return true;
}

/* ---- argument indexes --------------------------------------------------- */

/*
 * An argument index: 0 .. PG_MAX_ARG-1 and, when the entry declares params,
 * below params, unless the function is variadic and this argument may be
 * one of the variadic ones (option values, properties, flags).
 */
static bool get_arg_node(loader *ld, const fn_ctx *fc, const char *name,
                         bool entry, const yaml_node_t *n, bool variadic_ok,
                         int *out) {
  long long v;

  if (!parse_ll(n, &v) || v < 0 || v >= PG_MAX_ARG) {
    report(ld, n, "%s must be an integer from 0 to %d, got %s",
           subject(ld, name, entry), PG_MAX_ARG - 1, describe(ld, n));
    return false;
  }
  if (fc->params >= 0 && v >= fc->params && !(variadic_ok && fc->variadic)) {
    report(ld, n, "%s must be less than params (%d), got '%lld'",
           subject(ld, name, entry), fc->params, v);
    return false;
  }
  *out = (int)v;
  return true;
}

static bool get_arg(loader *ld, const fn_ctx *fc, const field *f,
                    bool variadic_ok, int *out) {
  return get_arg_node(ld, fc, f->name, false, f->value, variadic_ok, out);
}

/* A required argument field: PG_NO_ARG when absent or bad (reported). */
static int required_arg(loader *ld, const fn_ctx *fc, const yaml_node_t *map,
                        const field *f, const char *where) {
  int arg = PG_NO_ARG;

  if (!missing(ld, map, f, where))
    get_arg(ld, fc, f, false, &arg);
  return arg;
}

/* ---- kind references ---------------------------------------------------- */

/* A kind visible to this file: its own (staged) first, then loaded ones. */
static const pg_kind *find_kind(loader *ld, const char *library,
                                const char *name) {
  const pg_stage *st = ld->st;
  size_t i;

  if (!library || (st->library && strcmp(library, st->library) == 0)) {
    for (i = 0; i < st->nkinds; i++)
      if (strcmp(st->kinds[i].def->name, name) == 0)
        return st->kinds[i].replaces ? st->kinds[i].replaces
                                     : st->kinds[i].def;
  }
  return library ? pg_rules_find_kind(ld->rules, library, name) : NULL;
}

static void report_unknown_kind(loader *ld, const yaml_node_t *at,
                                const char *ref, const char *library,
                                bool qualified) {
  const pg_stage *st = ld->st;
  bool own = !library || (st->library && strcmp(library, st->library) == 0);
  strbuf b = {0};
  size_t i, n = pg_rules_kind_count(ld->rules);

  if (own) {
    for (i = 0; i < st->nkinds; i++) {
      if (b.len)
        sb_add(&b, ", ");
      if (qualified) {
        sb_add(&b, show_str(ld, library));
        sb_add(&b, ".");
      }
      sb_add(&b, show_str(ld, st->kinds[i].def->name));
    }
  }
  for (i = 0; library && i < n; i++) {
    const pg_kind *k = pg_rules_kind_at(ld->rules, i);
    if (strcmp(k->library, library) != 0 ||
        (own && find_kind(ld, NULL, k->name)))
      continue; /* another library, or already listed from this file */
    if (b.len)
      sb_add(&b, ", ");
    if (qualified) {
      sb_add(&b, show_str(ld, library));
      sb_add(&b, ".");
    }
    sb_add(&b, show_str(ld, k->name));
  }
  if (b.len)
    report(ld, at, "unknown kind '%s' (expected one of: %s)", show_str(ld, ref),
           sb_finish(ld, &b));
  else if (library)
    report(ld, at, "unknown kind '%s' (library '%s' has no kinds loaded)",
           show_str(ld, ref), show_str(ld, library));
  else
    report(ld, at, "unknown kind '%s' (this file defines no kinds)",
           show_str(ld, ref));
  free(b.s);
}

/* "name" (this library) or "library.name" (split at the last dot). */
static const pg_kind *resolve_kind(loader *ld, const yaml_node_t *at,
                                   const char *ref) {
  const char *dot = strrchr(ref, '.');
  const char *library = ld->st->library;
  const char *name = ref;
  const pg_kind *k;

  if (dot) {
    char *lib = pg_arena_strndup(&ld->scratch, ref, (size_t)(dot - ref));
    if (!lib) {
      oom(ld);
      return NULL;
    }
    library = lib;
    name = dot + 1;
  }
  k = find_kind(ld, library, name);
  if (!k)
    report_unknown_kind(ld, at, ref, library, dot != NULL);
  return k;
}

/* ---- conflicting roles -------------------------------------------------- */

enum {
  USE_BORROW, USE_RELEASE, USE_CLOSE, USE_TRANSFER, USE_ACQUIRE, USE_FREE,
  NUSES
};

static const char *const use_verbs[NUSES] = {
    "borrows", "releases", "closes", "transfers", "acquires through", "frees"};

/* Which arguments each ownership role names, and the role's key. */
typedef struct arg_uses {
  unsigned mask[NUSES];
  const yaml_node_t *key[NUSES];
} arg_uses;

static void use_arg(arg_uses *u, int use, const field *f, int arg) {
  u->key[use] = f->key;
  if (arg >= 0 && arg < PG_MAX_ARG)
    u->mask[use] |= 1u << arg;
}

/*
 * One argument cannot be both kept and given away: borrowed and released,
 * released and transferred, released and replaced by an acquired handle...
 * Only borrowing and closing go together (closing a stream does not take
 * ownership of its handle). Reported at the later of the two roles.
 */
static void check_conflicts(loader *ld, const fn_ctx *fc, const arg_uses *u) {
  int a, b;

  for (a = 0; a < NUSES; a++) {
    for (b = a + 1; b < NUSES; b++) {
      unsigned both = u->mask[a] & u->mask[b];
      int first = a, second = b, arg = 0;

      if (!both || (a == USE_BORROW && b == USE_CLOSE))
        continue;
      if (u->key[b]->start_mark.index < u->key[a]->start_mark.index) {
        first = b;
        second = a;
      }
      while (!(both & (1u << arg)))
        arg++;
      report(ld, u->key[second], "function '%s' both %s and %s argument %d",
             fc->shown, use_verbs[first], use_verbs[second], arg);
    }
  }
}

/* ---- roles -------------------------------------------------------------- */

static const char *role_where(loader *ld, const fn_ctx *fc, const char *role) {
  return sfmt(ld, "'%s' of function '%s'", role, fc->shown);
}

static void parse_if_arg_call(loader *ld, const fn_ctx *fc, const field *f,
                              pg_acquire *a) {
  field fs[] = {{"arg", NULL, NULL}, {"function", NULL, NULL}};
  const char *where = role_where(ld, fc, "if-arg-call");

  if (!expect_mapping(ld, f->value, where))
    return;
  read_fields(ld, f->value, fs, COUNT(fs), where);
  if (!missing(ld, f->value, &fs[0], where))
    get_arg(ld, fc, &fs[0], true, &a->if_arg);
  if (!missing(ld, f->value, &fs[1], where))
    get_string_node(ld, "function", false, fs[1].value, true, &a->if_arg_call);
}

static void parse_acquire_one(loader *ld, const fn_ctx *fc, yaml_node_t *n,
                              const char *where, pg_acquire *a) {
  field fs[] = {{"kind", NULL, NULL},
                {"out-arg", NULL, NULL},
                {"fails-when", NULL, NULL},
                {"if-arg-call", NULL, NULL}};
  const char *ref;

  a->out_arg = PG_NO_ARG;
  a->if_arg = PG_NO_ARG;
  if (!expect_mapping(ld, n, where))
    return;
  read_fields(ld, n, fs, COUNT(fs), where);
  if (!missing(ld, n, &fs[0], where) && get_string(ld, &fs[0], &ref))
    a->kind = resolve_kind(ld, fs[0].value, ref);
  if (fs[1].key)
    get_arg(ld, fc, &fs[1], false, &a->out_arg);
  /* A returned handle fails as NULL, an out-arg through a status code. */
  a->fails = fs[1].key ? PG_FAIL_NONZERO : PG_FAIL_NULL;
  if (fs[2].key)
    get_fail(ld, &fs[2], &a->fails);
  if (fs[3].key)
    parse_if_arg_call(ld, fc, &fs[3], a);
}

static void parse_acquire(loader *ld, const fn_ctx *fc, const field *f,
                          pg_function *fn, arg_uses *u) {
  yaml_node_t *v = f->value;
  bool single = v->type == YAML_MAPPING_NODE;
  pg_acquire *alts;
  size_t n, i;

  if (!single && (v->type != YAML_SEQUENCE_NODE || nitems(v) == 0)) {
    report(ld, v,
           "'acquire' of function '%s' must be a mapping or a non-empty "
           "sequence of mappings, got %s",
           fc->shown, describe(ld, v));
    return;
  }
  n = single ? 1 : nitems(v);
  alts = salloc(ld, n, sizeof(*alts));
  if (!alts)
    return;
  for (i = 0; i < n && !ld->stopped; i++) {
    yaml_node_t *alt = single ? v : node_at(ld, v->data.sequence.items.start[i]);
    const char *where =
        single ? role_where(ld, fc, "acquire")
               : sfmt(ld, "alternative %zu of 'acquire' of function '%s'",
                      i + 1, fc->shown);
    if (!alt)
      continue;
    parse_acquire_one(ld, fc, alt, where, &alts[i]);
    use_arg(u, USE_ACQUIRE, f, alts[i].out_arg);
  }
  fn->acquire = alts;
  fn->nacquire = n;
}

/*
 * release.kinds, configure.keeps: NULL-terminated; own kinds by name,
 * others as lib.kind.
 */
static const pg_kind **parse_kind_list(loader *ld, const field *f,
                                       const char *absent) {
  const yaml_node_t *seq = f->value;
  const pg_kind **kinds;
  size_t n = 0, i;

  if (seq->type != YAML_SEQUENCE_NODE || nitems(seq) == 0) {
    report(ld, seq,
           "'%s' must be a non-empty sequence of kind names (leave it out "
           "%s), got %s",
           f->name, absent, describe(ld, seq));
    return NULL;
  }
  kinds = salloc(ld, nitems(seq) + 1, sizeof(*kinds));
  if (!kinds)
    return NULL;
  for (i = 0; i < nitems(seq) && !ld->stopped; i++) {
    const yaml_node_t *item = node_at(ld, seq->data.sequence.items.start[i]);
    const char *ref;
    const pg_kind *k;

    if (!item || !get_string_node(ld, f->name, true, item, true, &ref))
      continue;
    k = resolve_kind(ld, item, ref);
    if (k)
      kinds[n++] = k;
  }
  return kinds;
}

/* release and close share one shape. */
static const pg_release *parse_release(loader *ld, const fn_ctx *fc,
                                       const field *f) {
  field fs[] = {
      {"arg", NULL, NULL}, {"null-ok", NULL, NULL}, {"kinds", NULL, NULL}};
  const char *where = role_where(ld, fc, f->name);
  pg_release *r = salloc(ld, 1, sizeof(*r));

  if (!r)
    return NULL;
  r->arg = PG_NO_ARG;
  if (!expect_mapping(ld, f->value, where))
    return r;
  read_fields(ld, f->value, fs, COUNT(fs), where);
  r->arg = required_arg(ld, fc, f->value, &fs[0], where);
  if (fs[1].key)
    get_bool(ld, &fs[1], &r->null_ok);
  if (fs[2].key)
    r->kinds = parse_kind_list(ld, &fs[2], "to accept any kind");
  return r;
}

static void parse_borrow_args(loader *ld, const fn_ctx *fc, const field *f,
                              unsigned *mask) {
  const yaml_node_t *seq = f->value;
  size_t i;

  if (seq->type != YAML_SEQUENCE_NODE || nitems(seq) == 0) {
    report(ld, seq,
           "'args' must be a non-empty sequence of argument indexes, got %s",
           describe(ld, seq));
    return;
  }
  for (i = 0; i < nitems(seq) && !ld->stopped; i++) {
    const yaml_node_t *item = node_at(ld, seq->data.sequence.items.start[i]);
    int arg;

    if (item && get_arg_node(ld, fc, "args", true, item, false, &arg))
      *mask |= 1u << arg;
  }
}

static void parse_borrow(loader *ld, const fn_ctx *fc, const field *f,
                         pg_function *fn, arg_uses *u) {
  field fs[] = {{"arg", NULL, NULL}, {"args", NULL, NULL}};
  const char *where = role_where(ld, fc, "borrow");
  int arg;

  u->key[USE_BORROW] = f->key;
  if (is_scalar(f->value) && scalar_is(f->value, "all")) {
    fn->borrow_all = true;
    fn->borrow_mask = ~0u; /* every argument, so mask tests need no special case */
    u->mask[USE_BORROW] = fn->borrow_mask;
    return;
  }
  if (f->value->type != YAML_MAPPING_NODE) {
    report(ld, f->value, "%s must be 'all' or a mapping, got %s", where,
           describe(ld, f->value));
    return;
  }
  read_fields(ld, f->value, fs, COUNT(fs), where);
  if (!fs[0].key && !fs[1].key)
    missing(ld, f->value, &fs[1], where);
  if (fs[0].key && get_arg(ld, fc, &fs[0], false, &arg))
    fn->borrow_mask |= 1u << arg;
  if (fs[1].key)
    parse_borrow_args(ld, fc, &fs[1], &fn->borrow_mask);
  u->mask[USE_BORROW] = fn->borrow_mask;
}

static const pg_transfer *parse_transfer(loader *ld, const fn_ctx *fc,
                                         const field *f) {
  field fs[] = {{"arg", NULL, NULL},
                {"when", NULL, NULL},
                {"fails-when", NULL, NULL},
                {"to", NULL, NULL}};
  const char *where = role_where(ld, fc, "transfer");
  pg_transfer *t = salloc(ld, 1, sizeof(*t));
  int when = 0;

  if (!t)
    return NULL;
  t->arg = t->to_arg = PG_NO_ARG;
  t->fails = PG_FAIL_NEVER;
  if (!expect_mapping(ld, f->value, where))
    return t;
  read_fields(ld, f->value, fs, COUNT(fs), where);
  t->arg = required_arg(ld, fc, f->value, &fs[0], where);
  if (fs[3].key)
    t->to_arg = required_arg(ld, fc, f->value, &fs[3], where);
  if (fs[1].key && !get_enum(ld, &fs[1], when_names, COUNT(when_names), &when))
    return t; /* unknown `when`: fails-when cannot be judged */
  t->on_success_only = when == 1;
  if (t->on_success_only && !fs[2].key)
    report(ld, fs[1].key,
           "'when: success' in %s needs 'fails-when' (how the return value "
           "shows failure)",
           where);
  else if (!t->on_success_only && fs[2].key)
    report(ld, fs[2].key, "'fails-when' in %s applies only with 'when: success'",
           where);
  else if (fs[2].key)
    get_fail(ld, &fs[2], &t->fails);
  return t;
}

/* request: the handle, and how the return value shows the request failed
   (for the "Assuming ...() failed" note). */
static void parse_request(loader *ld, const fn_ctx *fc, const field *f,
                          pg_function *fn) {
  field fs[] = {{"arg", NULL, NULL}, {"fails-when", NULL, NULL}};
  const char *where = role_where(ld, fc, f->name);

  if (!expect_mapping(ld, f->value, where))
    return;
  read_fields(ld, f->value, fs, COUNT(fs), where);
  fn->request_arg = required_arg(ld, fc, f->value, &fs[0], where);
  if (fs[1].key)
    get_fail(ld, &fs[1], &fn->request_fails);
}

/* reset, reclaim, exposes-owned, returns-arg, frees-memory: the argument. */
static int parse_arg_role(loader *ld, const fn_ctx *fc, const field *f) {
  field fs[] = {{"arg", NULL, NULL}};
  const char *where = role_where(ld, fc, f->name);

  if (!expect_mapping(ld, f->value, where))
    return PG_NO_ARG;
  read_fields(ld, f->value, fs, COUNT(fs), where);
  return required_arg(ld, fc, f->value, &fs[0], where);
}

/* status: { arg: N [, field: NAME] } */
static void parse_status(loader *ld, const fn_ctx *fc, const field *f,
                         pg_function *fn) {
  field fs[] = {{"arg", NULL, NULL}, {"field", NULL, NULL}};
  const char *where = role_where(ld, fc, "status");

  if (!expect_mapping(ld, f->value, where))
    return;
  read_fields(ld, f->value, fs, COUNT(fs), where);
  fn->status_arg = required_arg(ld, fc, f->value, &fs[0], where);
  if (fs[1].key)
    get_string_node(ld, "field", false, fs[1].value, true, &fn->status_field);
}

/* method: { arg: N, no-body: [HEAD] } on a call that returns the request. */
static void parse_method(loader *ld, const fn_ctx *fc, const field *f,
                         pg_function *fn) {
  field fs[] = {{"arg", NULL, NULL}, {"no-body", NULL, NULL}};
  const char *where = role_where(ld, fc, "method");
  bool returns_handle = false;
  size_t i;

  if (!expect_mapping(ld, f->value, where))
    return;
  read_fields(ld, f->value, fs, COUNT(fs), where);
  fn->method_arg = required_arg(ld, fc, f->value, &fs[0], where);
  if (!missing(ld, f->value, &fs[1], where))
    get_string_list(ld, &fs[1], true, &fn->no_body_methods,
                    &fn->nno_body_methods);
  for (i = 0; i < fn->nacquire; i++)
    returns_handle |= fn->acquire[i].out_arg == PG_NO_ARG;
  if (!returns_handle)
    report(ld, f->key,
           "%s describes the request the call returns: the function needs an "
           "'acquire' role without 'out-arg'",
           where);
}

static const pg_open_body *parse_open_body(loader *ld, const fn_ctx *fc,
                                           const field *f) {
  field fs[] = {{"arg", NULL, NULL}, {"fails-when", NULL, NULL}};
  const char *where = role_where(ld, fc, "open-body");
  pg_open_body *o = salloc(ld, 1, sizeof(*o));

  if (!o)
    return NULL;
  o->arg = PG_NO_ARG;
  o->fails = PG_FAIL_NEVER;
  if (!expect_mapping(ld, f->value, where))
    return o;
  read_fields(ld, f->value, fs, COUNT(fs), where);
  o->arg = required_arg(ld, fc, f->value, &fs[0], where);
  if (fs[1].key)
    get_fail(ld, &fs[1], &o->fails);
  return o;
}

static const pg_read *parse_read(loader *ld, const fn_ctx *fc,
                                 const field *f) {
  field fs[] = {{"arg", NULL, NULL},
                {"eof", NULL, NULL},
                {"error", NULL, NULL},
                {"count-arg", NULL, NULL},
                {"out-count-arg", NULL, NULL},
                {"error-arg", NULL, NULL}};
  const char *where = role_where(ld, fc, "read");
  pg_read *r = salloc(ld, 1, sizeof(*r));
  int eof = -1;

  if (!r)
    return NULL;
  r->arg = r->count_arg = r->out_count_arg = r->error_arg = PG_NO_ARG;
  r->error = PG_FAIL_NEVER;
  if (!expect_mapping(ld, f->value, where))
    return r;
  read_fields(ld, f->value, fs, COUNT(fs), where);
  r->arg = required_arg(ld, fc, f->value, &fs[0], where);
  if (!missing(ld, f->value, &fs[1], where) &&
      get_enum(ld, &fs[1], eof_names, COUNT(eof_names), &eof))
    r->eof = (pg_eof)eof;
  if (fs[2].key)
    get_fail(ld, &fs[2], &r->error);
  if (fs[5].key)
    get_arg(ld, fc, &fs[5], false, &r->error_arg);
  if (eof < 0)
    return r;
  /* count-arg bounds any read (and a read asked for 0 bytes ends nothing);
     out-count-arg only means something for a short-count end of stream. */
  if (fs[3].key)
    get_arg(ld, fc, &fs[3], false, &r->count_arg);
  else if (eof == PG_EOF_SHORT_COUNT)
    report(ld, f->value,
           "missing required key '%s' in %s (needed by 'eof: short-count')",
           fs[3].name, where);
  if (eof != PG_EOF_SHORT_COUNT && fs[4].key)
    report(ld, fs[4].key, "'%s' in %s applies only with 'eof: short-count'",
           fs[4].name, where);
  else if (eof == PG_EOF_SHORT_COUNT && !fs[4].key)
    report(ld, f->value,
           "missing required key '%s' in %s (needed by 'eof: short-count')",
           fs[4].name, where);
  else if (fs[4].key)
    get_arg(ld, fc, &fs[4], false, &r->out_count_arg);
  return r;
}

static void parse_if_flag(loader *ld, const fn_ctx *fc, const field *f,
                          pg_read_to_end *r) {
  field fs[] = {
      {"arg", NULL, NULL}, {"flag", NULL, NULL}, {"then", NULL, NULL}};
  const char *where = role_where(ld, fc, "if-flag");
  int then;

  if (!expect_mapping(ld, f->value, where))
    return;
  read_fields(ld, f->value, fs, COUNT(fs), where);
  if (!missing(ld, f->value, &fs[0], where))
    get_arg(ld, fc, &fs[0], true, &r->flag_arg);
  if (!missing(ld, f->value, &fs[1], where))
    get_string_node(ld, "flag", false, fs[1].value, true, &r->flag);
  if (!missing(ld, f->value, &fs[2], where) &&
      get_enum(ld, &fs[2], then_names, COUNT(then_names), &then))
    r->then = (pg_then)(then + 1);
}

static const pg_read_to_end *parse_read_to_end(loader *ld, const fn_ctx *fc,
                                               const field *f) {
  field fs[] = {{"arg", NULL, NULL}, {"if-flag", NULL, NULL}};
  const char *where = role_where(ld, fc, "read-to-end");
  pg_read_to_end *r = salloc(ld, 1, sizeof(*r));

  if (!r)
    return NULL;
  r->arg = r->flag_arg = PG_NO_ARG;
  r->then = PG_THEN_NONE;
  if (!expect_mapping(ld, f->value, where))
    return r;
  read_fields(ld, f->value, fs, COUNT(fs), where);
  r->arg = required_arg(ld, fc, f->value, &fs[0], where);
  if (fs[1].key)
    parse_if_flag(ld, fc, &fs[1], r);
  return r;
}

/* A callback parameter index: the callback's, not this function's. */
static bool get_callback_param(loader *ld, const char *name,
                               const yaml_node_t *n, int *out) {
  long long v;

  if (!get_int_range(ld, name, n, 0, PG_MAX_ARG - 1, &v))
    return false;
  *out = (int)v;
  return true;
}

static void parse_consumed(loader *ld, const field *f, pg_option *o) {
  const yaml_node_t *seq = f->value;
  size_t i;

  if (seq->type != YAML_SEQUENCE_NODE || nitems(seq) < 1 || nitems(seq) > 2) {
    report(ld, seq,
           "'consumed' must be a sequence of one or two callback parameter "
           "indexes, got %s",
           describe(ld, seq));
    return;
  }
  for (i = 0; i < nitems(seq) && !ld->stopped; i++) {
    const yaml_node_t *item = node_at(ld, seq->data.sequence.items.start[i]);
    if (item && get_callback_param(ld, "consumed", item, &o->consumed[i]))
      o->nconsumed++;
  }
}

/*
 * consumed, unit-arg, also-returns (fs[0..2]) describe a data callback:
 * required (consumed) or allowed only with 'effect: data-callback'.
 */
static void parse_callback_keys(loader *ld, const yaml_node_t *map, field *fs,
                                const char *where, pg_option *o) {
  size_t i;

  if (o->effect != PG_EFFECT_DATA_CALLBACK) {
    for (i = 0; i < 3; i++)
      if (fs[i].key)
        report(ld, fs[i].key,
               "'%s' in %s applies only to 'effect: data-callback'",
               fs[i].name, where);
    return;
  }
  if (!missing(ld, map, &fs[0], where))
    parse_consumed(ld, &fs[0], o);
  if (fs[1].key && get_callback_param(ld, "unit-arg", fs[1].value,
                                      &o->unit_arg)) {
    bool listed = false;
    for (i = 0; i < o->nconsumed; i++)
      listed = listed || o->consumed[i] == o->unit_arg;
    if (!listed)
      report(ld, fs[1].value,
             "'unit-arg' in %s must be one of the 'consumed' parameters",
             where);
  }
  if (fs[2].key)
    get_string_list(ld, &fs[2], true, &o->also_returns, &o->nalso_returns);
}

static void parse_option(loader *ld, const fn_ctx *fc, yaml_node_t *key,
                         yaml_node_t *value, pg_option *o) {
  field fs[] = {{"effect", NULL, NULL},         {"default", NULL, NULL},
                {"value", NULL, NULL},          {"construct-only", NULL, NULL},
                {"fix", NULL, NULL},            {"source", NULL, NULL},
                {"zero-keeps-default", NULL, NULL},
                {"consumed", NULL, NULL},       {"unit-arg", NULL, NULL},
                {"also-returns", NULL, NULL},
                {"construct-only-if-declared", NULL, NULL},
                {"combine", NULL, NULL},
                {"negative-disables", NULL, NULL}};
  const char *where;
  int effect, combine;
  bool have_effect = false;

  o->unit_arg = PG_NO_ARG;
  o->name = get_key_name(ld, key, "option", false);
  o->loc = loc_of(ld, key);
  if (!o->name)
    return;
  where = sfmt(ld, "option '%s' of function '%s'", show_node(ld, key),
               fc->shown);
  if (!expect_mapping(ld, value, where))
    return;
  read_fields(ld, value, fs, COUNT(fs), where);
  if (!missing(ld, value, &fs[0], where) &&
      get_enum(ld, &fs[0], pg_effect_names, pg_effect_names_count, &effect)) {
    o->effect = (pg_effect)effect;
    have_effect = true;
  }
  if (fs[1].key)
    o->has_default = get_int(ld, &fs[1], &o->default_value);
  if (fs[2].key)
    get_string_node(ld, "value", false, fs[2].value, true, &o->value);
  if (fs[3].key)
    get_bool(ld, &fs[3], &o->construct_only);
  if (fs[4].key)
    get_template(ld, &fs[4], where, &o->fix);
  if (fs[5].key)
    get_string(ld, &fs[5], &o->source);
  if (fs[6].key)
    get_bool(ld, &fs[6], &o->zero_keeps_default);
  if (have_effect)
    parse_callback_keys(ld, value, &fs[7], where, o);
  if (fs[10].key &&
      get_string_node(ld, "construct-only-if-declared", false, fs[10].value,
                      true, &o->construct_only_if_declared) &&
      !o->construct_only)
    report(ld, fs[10].key,
           "'construct-only-if-declared' in %s needs 'construct-only: true'",
           where);
  if (fs[12].key)
    get_bool(ld, &fs[12], &o->negative_disables);
  if (fs[11].key &&
      get_enum(ld, &fs[11], pg_combine_names, pg_combine_names_count,
               &combine)) {
    o->combine = (pg_combine)combine;
    if (o->combine != PG_COMBINE_SET && !o->value)
      report(ld, fs[11].key, "'combine: %s' in %s needs 'value'",
             pg_combine_names[combine], where);
  }
}

static void parse_options(loader *ld, const fn_ctx *fc, const field *f,
                          pg_configure *c) {
  yaml_node_t *map = f->value;
  const char *where = sfmt(ld, "'options' of function '%s'", fc->shown);
  yaml_node_pair_t *pairs;
  pg_option *opts;
  bool *skip;
  size_t i;

  if (!expect_mapping(ld, map, where))
    return;
  skip = check_keys(ld, map, "option", where);
  opts = salloc(ld, npairs(map), sizeof(*opts));
  if (!skip || !opts) {
    free(skip);
    return;
  }
  pairs = map->data.mapping.pairs.start;
  for (i = 0; i < npairs(map) && !ld->stopped; i++) {
    if (skip[i])
      continue;
    parse_option(ld, fc, node_at(ld, pairs[i].key), node_at(ld, pairs[i].value),
                 &opts[c->noptions++]);
  }
  free(skip);
  c->options = opts;
}

/*
 * The argument keys each style needs; a key another style needs is an error
 * here, so a half-converted entry does not load with silent defaults.
 */
static void configure_style_args(loader *ld, const fn_ctx *fc,
                                 const yaml_node_t *map, field *fs,
                                 const char *where, pg_configure *c) {
  /* fs[0] arg, fs[2] option-arg, fs[3] value-arg, fs[4] first-property-arg */
  static const bool need[3][5] = {
      /* option */ {true, false, true, true, false},
      /* properties */ {false, false, false, false, true},
      /* value */ {true, false, false, true, false}};
  int *outs[5] = {&c->arg, NULL, &c->option_arg, &c->value_arg,
                  &c->first_property_arg};
  const char *style = style_names[c->style];
  size_t i;

  for (i = 0; i < 5; i++) {
    if (i == 1)
      continue; /* fs[1] is style itself */
    if (i == 0 && c->style == PG_STYLE_PROPERTIES) {
      /* optional: constructors configured through properties have none */
      if (fs[0].key)
        get_arg(ld, fc, &fs[0], false, &c->arg);
      continue;
    }
    if (need[c->style][i] && !fs[i].key)
      report(ld, map, "missing required key '%s' in %s (needed by 'style: %s')",
             fs[i].name, where, style);
    else if (!need[c->style][i] && fs[i].key)
      report(ld, fs[i].key, "'%s' in %s does not apply to 'style: %s'",
             fs[i].name, where, style);
    else if (fs[i].key)
      get_arg(ld, fc, &fs[i], i != 0, outs[i]);
  }
}

static const pg_configure *parse_configure(loader *ld, const fn_ctx *fc,
                                           const field *f) {
  field fs[] = {{"arg", NULL, NULL},         {"style", NULL, NULL},
                {"option-arg", NULL, NULL},  {"value-arg", NULL, NULL},
                {"first-property-arg", NULL, NULL},
                {"options", NULL, NULL},     {"keeps", NULL, NULL}};
  const char *where = role_where(ld, fc, "configure");
  pg_configure *c = salloc(ld, 1, sizeof(*c));
  int style;

  if (!c)
    return NULL;
  c->arg = c->option_arg = c->value_arg = c->first_property_arg = PG_NO_ARG;
  if (!expect_mapping(ld, f->value, where))
    return c;
  read_fields(ld, f->value, fs, COUNT(fs), where);
  if (!missing(ld, f->value, &fs[1], where) &&
      get_enum(ld, &fs[1], style_names, COUNT(style_names), &style)) {
    c->style = (pg_config_style)style;
    configure_style_args(ld, fc, f->value, fs, where, c);
  }
  if (!missing(ld, f->value, &fs[5], where))
    parse_options(ld, fc, &fs[5], c);
  if (fs[6].key)
    c->keeps = parse_kind_list(ld, &fs[6], "when every value is copied");
  if (fs[1].key && fs[5].key && c->style == PG_STYLE_VALUE &&
      fs[5].value->type == YAML_MAPPING_NODE && npairs(fs[5].value) != 1)
    report(ld, fs[5].value,
           "'options' in %s must have exactly one entry with 'style: value', "
           "got %zu",
           where, npairs(fs[5].value));
  return c;
}

static const pg_joins_pool *parse_joins_pool(loader *ld, const fn_ctx *fc,
                                             const field *f) {
  field fs[] = {{"arg", NULL, NULL}, {"pool-arg", NULL, NULL}};
  const char *where = role_where(ld, fc, "joins-pool");
  pg_joins_pool *j = salloc(ld, 1, sizeof(*j));

  if (!j)
    return NULL;
  j->arg = j->pool_arg = PG_NO_ARG;
  if (!expect_mapping(ld, f->value, where))
    return j;
  read_fields(ld, f->value, fs, COUNT(fs), where);
  j->arg = required_arg(ld, fc, f->value, &fs[0], where);
  j->pool_arg = required_arg(ld, fc, f->value, &fs[1], where);
  return j;
}

/* ---- function entries --------------------------------------------------- */

enum {
  F_PARAMS, F_VARIADIC, F_SOURCE, F_ACQUIRE, F_RELEASE, F_CLOSE, F_BORROW,
  F_TRANSFER, F_REQUEST, F_OPEN_BODY, F_READ, F_READ_TO_END, F_CONFIGURE,
  F_RESET, F_JOINS_POOL, F_RECLAIM, F_EXPOSES_OWNED, F_RETURNS_ARG, F_STATUS,
  F_METHOD, F_NEW_MEMORY, F_FREES_MEMORY, F_DROPS_CONNECTION, F_ASYNC_RESULT,
  F_ADDS_REFERENCE, F_COUNT
};

static const char *const function_keys[F_COUNT] = {
    "params",   "variadic",  "source",      "acquire",   "release",
    "close",    "borrow",    "transfer",    "request",   "open-body",
    "read",     "read-to-end", "configure", "reset",     "joins-pool",
    "reclaim",  "exposes-owned", "returns-arg", "status",  "method",
    "new-memory", "frees-memory", "drops-connection", "async-result",
    "adds-reference"};

static void parse_roles(loader *ld, const fn_ctx *fc, field *fs,
                        pg_function *fn) {
  arg_uses u;

  memset(&u, 0, sizeof(u));
  if (fs[F_ACQUIRE].key)
    parse_acquire(ld, fc, &fs[F_ACQUIRE], fn, &u);
  if (fs[F_RELEASE].key && (fn->release = parse_release(ld, fc, &fs[F_RELEASE])))
    use_arg(&u, USE_RELEASE, &fs[F_RELEASE], fn->release->arg);
  if (fs[F_CLOSE].key && (fn->close = parse_release(ld, fc, &fs[F_CLOSE])))
    use_arg(&u, USE_CLOSE, &fs[F_CLOSE], fn->close->arg);
  if (fs[F_BORROW].key)
    parse_borrow(ld, fc, &fs[F_BORROW], fn, &u);
  if (fs[F_TRANSFER].key &&
      (fn->transfer = parse_transfer(ld, fc, &fs[F_TRANSFER])))
    use_arg(&u, USE_TRANSFER, &fs[F_TRANSFER], fn->transfer->arg);
  if (fs[F_REQUEST].key)
    parse_request(ld, fc, &fs[F_REQUEST], fn);
  if (fs[F_OPEN_BODY].key)
    fn->open_body = parse_open_body(ld, fc, &fs[F_OPEN_BODY]);
  if (fs[F_READ].key)
    fn->read = parse_read(ld, fc, &fs[F_READ]);
  if (fs[F_READ_TO_END].key)
    fn->read_to_end = parse_read_to_end(ld, fc, &fs[F_READ_TO_END]);
  if (fs[F_CONFIGURE].key)
    fn->configure = parse_configure(ld, fc, &fs[F_CONFIGURE]);
  if (fs[F_RESET].key)
    fn->reset_arg = parse_arg_role(ld, fc, &fs[F_RESET]);
  if (fs[F_JOINS_POOL].key)
    fn->joins_pool = parse_joins_pool(ld, fc, &fs[F_JOINS_POOL]);
  if (fs[F_RECLAIM].key)
    fn->reclaim_arg = parse_arg_role(ld, fc, &fs[F_RECLAIM]);
  if (fs[F_EXPOSES_OWNED].key)
    fn->exposes_owned_arg = parse_arg_role(ld, fc, &fs[F_EXPOSES_OWNED]);
  if (fs[F_RETURNS_ARG].key)
    fn->returns_arg = parse_arg_role(ld, fc, &fs[F_RETURNS_ARG]);
  if (fs[F_STATUS].key)
    parse_status(ld, fc, &fs[F_STATUS], fn);
  if (fs[F_METHOD].key)
    parse_method(ld, fc, &fs[F_METHOD], fn);
  if (fs[F_NEW_MEMORY].key)
    get_bool(ld, &fs[F_NEW_MEMORY], &fn->new_memory);
  if (fs[F_FREES_MEMORY].key) {
    fn->frees_memory_arg = parse_arg_role(ld, fc, &fs[F_FREES_MEMORY]);
    use_arg(&u, USE_FREE, &fs[F_FREES_MEMORY], fn->frees_memory_arg);
  }
  if (fs[F_ADDS_REFERENCE].key)
    fn->adds_reference_arg = parse_arg_role(ld, fc, &fs[F_ADDS_REFERENCE]);
  if (fs[F_ASYNC_RESULT].key)
    get_bool(ld, &fs[F_ASYNC_RESULT], &fn->async_result);
  if (fs[F_DROPS_CONNECTION].key)
    fn->drops_connection_arg =
        parse_arg_role(ld, fc, &fs[F_DROPS_CONNECTION]);
  if (!ld->stopped)
    check_conflicts(ld, fc, &u);
}

static void parse_function(loader *ld, yaml_node_t *key, yaml_node_t *value) {
  field fs[F_COUNT];
  const char *where;
  pg_function *fn;
  long long params;
  fn_ctx fc;
  size_t i;

  for (i = 0; i < F_COUNT; i++) {
    fs[i].name = function_keys[i];
    fs[i].key = fs[i].value = NULL;
  }
  fn = salloc(ld, 1, sizeof(*fn));
  if (!fn || !(fn->name = get_key_name(ld, key, "function", false)))
    return;
  fn->library = ld->st->library;
  fn->loc = loc_of(ld, key);
  fn->params = -1;
  fn->request_arg = fn->reset_arg = fn->reclaim_arg = PG_NO_ARG;
  fn->exposes_owned_arg = fn->returns_arg = fn->status_arg = PG_NO_ARG;
  fn->method_arg = fn->frees_memory_arg = fn->drops_connection_arg = PG_NO_ARG;
  fn->adds_reference_arg = PG_NO_ARG;
  fc.shown = show_node(ld, key);
  fc.params = -1;
  fc.variadic = false;
  /* Counted even when its body is bad: it was defined, for duplicates. */
  ld->st->functions[ld->st->nfunctions++] = fn;

  where = sfmt(ld, "function entry '%s'", fc.shown);
  if (!expect_mapping(ld, value, where))
    return;
  read_fields(ld, value, fs, F_COUNT, where);
  if (fs[F_PARAMS].key &&
      get_int_range(ld, "params", fs[F_PARAMS].value, 0, MAX_PARAMS, &params))
    fn->params = fc.params = (int)params;
  if (fs[F_VARIADIC].key)
    get_bool(ld, &fs[F_VARIADIC], &fn->variadic);
  fc.variadic = fn->variadic;
  if (fs[F_SOURCE].key)
    get_string(ld, &fs[F_SOURCE], &fn->source);
  parse_roles(ld, &fc, fs, fn);
}

static void parse_functions(loader *ld, const field *f) {
  yaml_node_t *map = f->value;
  yaml_node_pair_t *pairs;
  bool *skip;
  size_t i;

  if (!expect_mapping(ld, map, "'functions'"))
    return;
  ld->st->functions = salloc(ld, npairs(map), sizeof(*ld->st->functions));
  if (!ld->st->functions)
    return;
  skip = check_keys(ld, map, "function", "'functions'");
  if (!skip)
    return;
  pairs = map->data.mapping.pairs.start;
  for (i = 0; i < npairs(map) && !ld->stopped; i++)
    if (!skip[i])
      parse_function(ld, node_at(ld, pairs[i].key),
                     node_at(ld, pairs[i].value));
  free(skip);
}

/* ---- kinds -------------------------------------------------------------- */

static void parse_kind_body(loader *ld, yaml_node_t *value, pg_kind *k,
                            const char *where) {
  field fs[] = {{"type", NULL, NULL},        {"role", NULL, NULL},
                {"release", NULL, NULL},     {"drain", NULL, NULL},
                {"description", NULL, NULL}, {"consequence", NULL, NULL},
                {"source", NULL, NULL},      {"opened-by", NULL, NULL}};
  static const char *const opened_by_names[] = {"acquire", "open-body"};
  int role = -1;
  int opened_by = 0;
  size_t i;

  if (!expect_mapping(ld, value, where))
    return;
  read_fields(ld, value, fs, COUNT(fs), where);
  if (!missing(ld, value, &fs[0], where))
    get_string_node(ld, "type", false, fs[0].value, true, &k->type);
  if (!missing(ld, value, &fs[1], where) &&
      get_enum(ld, &fs[1], pg_role_names, pg_role_names_count, &role))
    k->role = (pg_role)role;
  if (fs[2].key)
    get_template(ld, &fs[2], where, &k->release_fix);
  if (fs[3].key)
    get_template(ld, &fs[3], where, &k->drain_fix);
  if (fs[4].key)
    get_string(ld, &fs[4], &k->description);
  if (fs[5].key)
    get_string(ld, &fs[5], &k->consequence);
  if (fs[6].key)
    get_string(ld, &fs[6], &k->source);
  if (fs[7].key && get_enum(ld, &fs[7], opened_by_names, 2, &opened_by))
    k->opened_by_call = opened_by == 1;
  /* drain, consequence and opened-by describe a body's stream:
     meaningless elsewhere. */
  for (i = 3; i < COUNT(fs) && role >= 0; i++)
    if ((i == 3 || i == 5 || i == 7) && fs[i].key && role != PG_ROLE_BODY)
      report(ld, fs[i].key, "'%s' in %s applies only to kinds with role 'body'",
             fs[i].name, where);
}

static void parse_kind(loader *ld, yaml_node_t *key, yaml_node_t *value) {
  pg_stage *st = ld->st;
  pg_stage_kind *sk;
  pg_kind *k = salloc(ld, 1, sizeof(*k));

  if (!k || !(k->name = get_key_name(ld, key, "kind", true)))
    return;
  k->library = st->library ? st->library : "";
  k->loc = loc_of(ld, key);
  k->description = k->name;
  /* Registered even if its body is bad, so references to it do not add
     a misleading "unknown kind" error. */
  sk = &st->kinds[st->nkinds++];
  sk->def = k;
  sk->replaces =
      st->library ? pg_rules_find_kind(ld->rules, st->library, k->name) : NULL;
  parse_kind_body(ld, value, k,
                  sfmt(ld, "kind '%s'", show_node(ld, key)));
}

static void parse_kinds(loader *ld, const field *f) {
  yaml_node_t *map = f->value;
  yaml_node_pair_t *pairs;
  bool *skip;
  size_t i;

  if (!expect_mapping(ld, map, "'kinds'"))
    return;
  ld->st->kinds = salloc(ld, npairs(map), sizeof(*ld->st->kinds));
  if (!ld->st->kinds)
    return;
  skip = check_keys(ld, map, "kind", "'kinds'");
  if (!skip)
    return;
  pairs = map->data.mapping.pairs.start;
  for (i = 0; i < npairs(map) && !ld->stopped; i++)
    if (!skip[i])
      parse_kind(ld, node_at(ld, pairs[i].key), node_at(ld, pairs[i].value));
  free(skip);
}

/* ---- the file ----------------------------------------------------------- */

static void parse_top(loader *ld, yaml_node_t *root) {
  field fs[] = {{"poolguard-rules", NULL, NULL}, {"library", NULL, NULL},
                {"headers", NULL, NULL},         {"sources", NULL, NULL},
                {"borrow-prefixes", NULL, NULL}, {"kinds", NULL, NULL},
                {"functions", NULL, NULL}};
  const char *where = "the top-level mapping";
  yaml_node_pair_t *p;
  const char **list;
  long long version;
  size_t n;

  if (root->type != YAML_MAPPING_NODE) {
    report(ld, root,
           "a rule file must be a mapping with 'poolguard-rules' and "
           "'library', got %s",
           describe(ld, root));
    return;
  }
  /* Another schema version: anything else we said would be noise. */
  for (p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top;
       p++) {
    yaml_node_t *k = node_at(ld, p->key), *v = node_at(ld, p->value);
    if (k && v && scalar_is(k, fs[0].name) &&
        (!parse_ll(v, &version) || version != 1)) {
      report(ld, v, "'poolguard-rules' must be 1, got %s", describe(ld, v));
      return;
    }
  }
  read_fields(ld, root, fs, COUNT(fs), where);
  missing(ld, root, &fs[0], where);
  if (!missing(ld, root, &fs[1], where))
    get_string_node(ld, "library", false, fs[1].value, true,
                    &ld->st->library);
  if (fs[2].key)
    get_string_list(ld, &fs[2], true, &list, &n);
  if (fs[3].key)
    get_string_list(ld, &fs[3], true, &list, &n);
  /* Non-empty: an empty prefix would make every function borrow. */
  if (fs[4].key)
    get_string_list(ld, &fs[4], true, &ld->st->prefixes, &ld->st->nprefixes);
  if (fs[5].key)
    parse_kinds(ld, &fs[5]); /* before functions, which refer to kinds */
  if (fs[6].key)
    parse_functions(ld, &fs[6]);
}

/* 1-based line and byte column of a byte offset. */
static void offset_position(const char *text, size_t len, size_t offset,
                            size_t *line, size_t *col) {
  size_t i;

  *line = 1;
  *col = 1;
  if (offset > len)
    offset = len;
  for (i = 0; i < offset; i++) {
    if (text[i] == '\n') {
      ++*line;
      *col = 1;
    } else {
      ++*col;
    }
  }
}

static void report_yaml_error(loader *ld, const yaml_parser_t *p,
                              const char *text, size_t len) {
  const char *problem = p->problem ? p->problem : "unknown problem";
  size_t line, col;

  if (p->error == YAML_MEMORY_ERROR) {
    oom(ld);
  } else if (p->error == YAML_READER_ERROR) {
    /* The reader knows a byte offset, not a line. */
    offset_position(text, len, p->problem_offset, &line, &col);
    if (p->problem_value != -1)
      report_at(ld, line, col, "invalid YAML: %s (#x%X)", problem,
                (unsigned)p->problem_value);
    else
      report_at(ld, line, col, "invalid YAML: %s", problem);
  } else if (p->context) {
    report_at(ld, p->problem_mark.line + 1, p->problem_mark.column + 1,
              "invalid YAML: %s (%s at %zu:%zu)", problem, p->context,
              p->context_mark.line + 1, p->context_mark.column + 1);
  } else {
    report_at(ld, p->problem_mark.line + 1, p->problem_mark.column + 1,
              "invalid YAML: %s", problem);
  }
}

/* A rule file is one document; a second one would be silently ignored. */
static void check_one_document(loader *ld, yaml_parser_t *parser,
                               const char *text, size_t len) {
  yaml_document_t next;
  yaml_node_t *root;

  if (!yaml_parser_load(parser, &next)) {
    report_yaml_error(ld, parser, text, len);
    return;
  }
  root = yaml_document_get_root_node(&next);
  if (root)
    report(ld, root, "a rule file must hold one YAML document, found a second");
  yaml_document_delete(&next);
}

static void parse_text(loader *ld, const char *text, size_t len) {
  yaml_parser_t parser;
  yaml_document_t doc;
  yaml_node_t *root;

  if (!yaml_parser_initialize(&parser)) {
    oom(ld);
    return;
  }
  yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
  if (!yaml_parser_load(&parser, &doc)) {
    report_yaml_error(ld, &parser, text, len);
    yaml_parser_delete(&parser);
    return;
  }
  root = yaml_document_get_root_node(&doc);
  if (!root) {
    report_at(ld, 1, 1,
              "empty rule file (expected a mapping with 'poolguard-rules' and "
              "'library')");
  } else {
    ld->doc = &doc;
    ld->top = root->start_mark;
    parse_top(ld, root);
    ld->doc = NULL;
    if (!ld->stopped)
      check_one_document(ld, &parser, text, len);
  }
  yaml_document_delete(&doc);
  yaml_parser_delete(&parser);
}

int pg_rules_load_buffer(pg_rules *rules, const char *name, const char *text,
                         size_t len, pg_diag_fn diag, void *ctx) {
  pg_stage st;
  loader ld;

  memset(&st, 0, sizeof(st));
  memset(&ld, 0, sizeof(ld));
  ld.rules = rules;
  ld.st = &st;
  ld.file = name ? name : "<buffer>";
  ld.diag = diag;
  ld.ctx = ctx;
  if (!text)
    len = 0;
  st.file = pg_arena_strdup(&st.arena, ld.file);
  if (!st.file)
    oom(&ld);
  else
    parse_text(&ld, text ? text : "", len);
  /* Validation only when there is no rule set to add to. */
  if (ld.errors == 0 && rules && pg_rules_commit(rules, &st) != 0)
    oom(&ld);
  pg_arena_free(&st.arena); /* empty after a commit */
  pg_arena_free(&ld.scratch);
  return ld.errors;
}

/* Reads a whole file; returns 0 or an errno value. */
static int read_file(const char *path, char **out, size_t *outlen) {
  FILE *fp = fopen(path, "rb");
  char *buf = NULL;
  size_t len = 0, cap = 0;
  int err = 0;

  if (!fp)
    return errno ? errno : EIO;
  for (;;) {
    size_t got;

    if (len == cap) {
      size_t ncap = cap ? cap * 2 : 8192;
      char *p = ncap > cap ? realloc(buf, ncap) : NULL;
      if (!p) {
        err = ENOMEM;
        break;
      }
      buf = p;
      cap = ncap;
    }
    got = fread(buf + len, 1, cap - len, fp);
    len += got;
    if (len < cap) { /* a short read: the end of the file, or an error */
      if (ferror(fp))
        err = errno ? errno : EIO;
      break;
    }
  }
  fclose(fp);
  if (err) {
    free(buf);
    return err;
  }
  *out = buf;
  *outlen = len;
  return 0;
}

int pg_rules_load_file(pg_rules *rules, const char *path, pg_diag_fn diag,
                       void *ctx) {
  char *text = NULL;
  size_t len = 0;
  int err, errors;

  if (!path)
    path = "<null>";
  errno = 0;
  err = read_file(path, &text, &len);
  if (err) {
    loader ld;
    memset(&ld, 0, sizeof(ld));
    ld.file = path;
    ld.diag = diag;
    ld.ctx = ctx;
    report_at(&ld, 1, 1, "cannot read rule file: %s", strerror(err));
    return ld.errors;
  }
  errors = pg_rules_load_buffer(rules, path, text, len, diag, ctx);
  free(text);
  return errors;
}
