/*
 * libFuzzer target for the rule loader: any bytes, loaded as a rule file.
 *
 * Beyond "does not crash, leak or hit UB" it checks the one promise callers
 * rely on: every message is a single "name:line:col: error: ..." line. The
 * input is loaded on top of a small valid file (so library.kind references
 * and overrides have something to hit) and then a second time (so the
 * replace paths of a successful load run too).
 */
#include "poolguard/rules.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char base[] =
    "poolguard-rules: 1\n"
    "library: base\n"
    "borrow-prefixes: [base_]\n"
    "kinds:\n"
    "  h: { type: H, role: client }\n"
    "  b: { type: B, role: body, drain: \"d({})\" }\n"
    "functions:\n"
    "  base_new: { acquire: { kind: h } }\n"
    "  base_free: { release: { arg: 0, kinds: [h, b] } }\n";

static void check_message(void *ctx, const char *message) {
  const char *name = ctx;
  size_t n = strlen(name);
  const char *p = message + n;

  if (strncmp(message, name, n) != 0 || *p++ != ':' || !(*p >= '1' && *p <= '9'))
    abort();
  while (*p >= '0' && *p <= '9')
    p++;
  if (*p++ != ':' || !(*p >= '1' && *p <= '9'))
    abort();
  while (*p >= '0' && *p <= '9')
    p++;
  if (strncmp(p, ": error: ", 9) != 0 || strchr(message, '\n'))
    abort();
}

static void walk(const pg_rules *r) {
  size_t i;

  /* Every listed entry must be found again by name. */
  for (i = 0; i < pg_rules_function_count(r); i++) {
    const pg_function *f = pg_rules_function_at(r, i);
    if (pg_rules_function(r, f->name) != f)
      abort();
    (void)pg_rules_borrows_by_default(r, f->name);
  }
  for (i = 0; i < pg_rules_kind_count(r); i++) {
    const pg_kind *k = pg_rules_kind_at(r, i);
    if (pg_rules_kind(r, k->library, k->name) != k || !k->description)
      abort();
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static char name[] = "fuzz.yaml";
  static char base_name[] = "base.yaml";
  pg_rules *r = pg_rules_new();
  size_t functions, kinds;
  int errors;

  if (!r)
    return 0;
  if (pg_rules_load_buffer(r, base_name, base, sizeof(base) - 1, check_message,
                           base_name) != 0)
    abort();
  functions = pg_rules_function_count(r);
  kinds = pg_rules_kind_count(r);
  errors = pg_rules_load_buffer(r, name, (const char *)data, size,
                                check_message, name);
  if (errors < 0 ||
      (errors > 0 && (pg_rules_function_count(r) != functions ||
                      pg_rules_kind_count(r) != kinds)))
    abort(); /* a rejected file must leave nothing behind */
  if (errors == 0)
    pg_rules_load_buffer(r, name, (const char *)data, size, check_message,
                         name);
  walk(r);
  pg_rules_free(r);
  return 0;
}
