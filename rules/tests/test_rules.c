/*
 * Unit tests of the rule model: `test_rules [group]` runs one group (or all
 * of them without an argument); ctest registers one test per group. Exit 0
 * on success, 77 when a group has nothing to test (ctest SKIP), 1 on
 * failure. No framework: CHECK* print the failing expression and go on.
 */
#define _POSIX_C_SOURCE 200809L /* strdup */

#include "poolguard/rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef PG_TEST_DIR
#error "PG_TEST_DIR must name rules/tests"
#endif

#define SKIPPED 77

static int failures;

#define CHECK(cond)                                                            \
  do {                                                                         \
    if (!(cond)) {                                                             \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      failures++;                                                              \
    }                                                                          \
  } while (0)

#define CHECK_INT(actual, expected)                                            \
  check_int(__FILE__, __LINE__, #actual, (long long)(actual),                  \
            (long long)(expected))
#define CHECK_STR(actual, expected)                                            \
  check_str(__FILE__, __LINE__, #actual, (actual), (expected))

static void check_int(const char *file, int line, const char *what,
                      long long actual, long long expected) {
  if (actual == expected)
    return;
  fprintf(stderr, "%s:%d: %s is %lld, expected %lld\n", file, line, what,
          actual, expected);
  failures++;
}

/* NULL is a value here: CHECK_STR(k->consequence, NULL). */
static void check_str(const char *file, int line, const char *what,
                      const char *actual, const char *expected) {
  if (actual == expected || (actual && expected && !strcmp(actual, expected)))
    return;
  fprintf(stderr, "%s:%d: %s is %s%s%s, expected %s%s%s\n", file, line, what,
          actual ? "\"" : "", actual ? actual : "NULL", actual ? "\"" : "",
          expected ? "\"" : "", expected ? expected : "NULL",
          expected ? "\"" : "");
  failures++;
}

/* ---- diagnostics collector ---------------------------------------------- */

#define MAX_DIAGS 256

typedef struct diags {
  char *msg[MAX_DIAGS];
  int n;
} diags;

static void collect(void *ctx, const char *message) {
  diags *d = ctx;

  if (d->n < MAX_DIAGS)
    d->msg[d->n] = strdup(message);
  d->n++;
}

static void diags_clear(diags *d) {
  int i;

  for (i = 0; i < d->n && i < MAX_DIAGS; i++)
    free(d->msg[i]);
  d->n = 0;
}

static void diags_print(const diags *d) {
  int i;

  for (i = 0; i < d->n && i < MAX_DIAGS; i++)
    fprintf(stderr, "    %s\n", d->msg[i]);
}

static int load_text(pg_rules *r, const char *name, const char *text,
                     diags *d) {
  return pg_rules_load_buffer(r, name, text, strlen(text), collect, d);
}

/* Loads a file that must have no errors. */
static void load_ok(pg_rules *r, const char *name, const char *text) {
  diags d = {{0}, 0};
  int errors = load_text(r, name, text, &d);

  if (errors != 0) {
    fprintf(stderr, "unexpected errors loading %s:\n", name);
    diags_print(&d);
    failures++;
  }
  diags_clear(&d);
}

static void load_fixture(pg_rules *r, const char *file) {
  char path[1024];
  diags d = {{0}, 0};

  snprintf(path, sizeof(path), "%s/fixtures/%s", PG_TEST_DIR, file);
  if (pg_rules_load_file(r, path, collect, &d) != 0) {
    fprintf(stderr, "unexpected errors loading %s:\n", path);
    diags_print(&d);
    failures++;
  }
  diags_clear(&d);
}

/* ---- valid constructs --------------------------------------------------- */

static pg_rules *load_full(void) {
  pg_rules *r = pg_rules_new();

  CHECK(r != NULL);
  load_fixture(r, "full.yaml");
  return r;
}

static const pg_function *fn(const pg_rules *r, const char *name) {
  const pg_function *f = pg_rules_function(r, name);

  if (!f) {
    fprintf(stderr, "function %s not loaded\n", name);
    failures++;
    exit(1); /* every later check would dereference it */
  }
  CHECK_STR(f->name, name);
  return f;
}

static void test_valid_kinds(void) {
  pg_rules *r = load_full();
  const pg_kind *client = pg_rules_kind(r, "full", "client");
  const pg_kind *body = pg_rules_kind(r, "full", "body");
  const pg_kind *req = pg_rules_kind(r, "full", "req");
  const pg_kind *aux = pg_rules_kind(r, "full", "aux");

  CHECK_INT(pg_rules_kind_count(r), 4);
  CHECK(pg_rules_kind_at(r, 0) == client);
  CHECK(pg_rules_kind_at(r, 1) == body);
  CHECK(pg_rules_kind_at(r, 2) == req);
  CHECK(pg_rules_kind_at(r, 3) == aux);
  CHECK(pg_rules_kind_at(r, 4) == NULL);
  CHECK(pg_rules_kind(r, "other", "client") == NULL);
  CHECK(pg_rules_kind(r, "full", "nope") == NULL);

  CHECK_STR(client->library, "full");
  CHECK_STR(client->name, "client");
  CHECK_STR(client->type, "FULL *");
  CHECK_INT(client->role, PG_ROLE_CLIENT);
  CHECK_STR(client->release_fix, "full_cleanup({})");
  CHECK_STR(client->drain_fix, NULL);
  CHECK_STR(client->description, "client");
  CHECK_STR(client->consequence, NULL);
  CHECK_STR(client->source, "full.h");
  CHECK(strstr(client->loc.file, "fixtures/full.yaml") != NULL);
  CHECK_INT(client->loc.line, 10);
  CHECK_INT(client->loc.col, 3);

  CHECK_STR(body->type, "struct full_body *");
  CHECK_INT(body->role, PG_ROLE_BODY);
  CHECK_STR(body->release_fix, "full_free({})");
  CHECK_STR(body->drain_fix, "full_drain({})");
  CHECK_STR(body->description, "response body");
  CHECK_STR(body->consequence, "the connection is closed");
  CHECK_STR(body->source, NULL);
  CHECK_INT(body->loc.line, 15);

  CHECK_INT(req->role, PG_ROLE_REQUEST);
  CHECK_STR(req->release_fix, NULL);
  CHECK_INT(aux->role, PG_ROLE_AUXILIARY);
  CHECK_STR(aux->description, "aux");
  pg_rules_free(r);
}

static void test_valid_acquire(void) {
  pg_rules *r = load_full();
  const pg_kind *client = pg_rules_kind(r, "full", "client");
  const pg_kind *body = pg_rules_kind(r, "full", "body");
  const pg_kind *req = pg_rules_kind(r, "full", "req");
  const pg_function *f;

  f = fn(r, "full_new");
  CHECK_STR(f->library, "full");
  CHECK_INT(f->params, 0);
  CHECK(!f->variadic);
  CHECK_STR(f->source, "full.h:10");
  CHECK_INT(f->loc.line, 30);
  CHECK_INT(f->loc.col, 3);
  CHECK_INT(f->nacquire, 1);
  CHECK(f->acquire[0].kind == client);
  CHECK_INT(f->acquire[0].out_arg, PG_NO_ARG);
  CHECK_INT(f->acquire[0].fails, PG_FAIL_NULL);
  CHECK_INT(f->acquire[0].if_arg, PG_NO_ARG);
  CHECK_STR(f->acquire[0].if_arg_call, NULL);

  f = fn(r, "full_get");
  CHECK_INT(f->params, 3);
  CHECK_INT(f->nacquire, 1);
  CHECK(f->acquire[0].kind == body);
  CHECK_INT(f->acquire[0].out_arg, 2);
  CHECK_INT(f->acquire[0].fails, PG_FAIL_NONZERO);
  CHECK_INT(f->request_arg, 0);

  f = fn(r, "full_obj_new");
  CHECK_INT(f->params, 2);
  CHECK(f->variadic);
  CHECK_INT(f->nacquire, 2);
  CHECK(f->acquire[0].kind == client);
  CHECK_INT(f->acquire[0].fails, PG_FAIL_NEVER);
  CHECK_INT(f->acquire[0].if_arg, 0);
  CHECK_STR(f->acquire[0].if_arg_call, "full_client_type");
  CHECK(f->acquire[1].kind == req);
  CHECK_INT(f->acquire[1].out_arg, PG_NO_ARG);
  CHECK_INT(f->acquire[1].fails, PG_FAIL_NEGATIVE);
  CHECK_INT(f->acquire[1].if_arg, PG_NO_ARG);
  pg_rules_free(r);
}

static void test_valid_release(void) {
  pg_rules *r = load_full();
  const pg_function *f;

  f = fn(r, "full_cleanup");
  CHECK(f->release != NULL);
  CHECK_INT(f->release->arg, 0);
  CHECK(f->release->null_ok);
  CHECK(f->release->kinds != NULL);
  if (f->release->kinds) {
    CHECK(f->release->kinds[0] == pg_rules_kind(r, "full", "client"));
    CHECK(f->release->kinds[1] == NULL);
  }
  CHECK(f->close == NULL);
  CHECK(f->acquire == NULL);
  CHECK_INT(f->nacquire, 0);

  f = fn(r, "full_unref");
  CHECK_INT(f->release->arg, 0);
  CHECK(!f->release->null_ok);
  CHECK(f->release->kinds == NULL);

  f = fn(r, "full_free_any");
  CHECK(f->release->kinds[0] == pg_rules_kind(r, "full", "body"));
  CHECK(f->release->kinds[1] == pg_rules_kind(r, "full", "aux"));
  CHECK(f->release->kinds[2] == NULL);

  f = fn(r, "full_close");
  CHECK(f->release == NULL);
  CHECK(f->close != NULL);
  CHECK_INT(f->close->arg, 0);
  CHECK(!f->close->null_ok);
  CHECK(f->close->kinds == NULL);
  /* closing a stream does not take ownership: borrow + close is fine */
  CHECK_INT(f->borrow_mask, 0x3);
  CHECK(!f->borrow_all);
  pg_rules_free(r);
}

static void test_valid_borrow_transfer(void) {
  pg_rules *r = load_full();
  const pg_function *f;

  f = fn(r, "full_use");
  CHECK(f->borrow_all);
  CHECK_INT(f->borrow_mask, 0xffffffffu);

  f = fn(r, "full_peek");
  CHECK(!f->borrow_all);
  CHECK_INT(f->borrow_mask, 0x8);

  f = fn(r, "full_list_append");
  CHECK(f->transfer != NULL);
  CHECK_INT(f->transfer->arg, 0);
  CHECK(f->transfer->on_success_only);
  CHECK_INT(f->transfer->fails, PG_FAIL_NULL);
  CHECK_INT(f->borrow_mask, 0);

  f = fn(r, "full_take");
  CHECK_INT(f->transfer->arg, 1);
  CHECK(!f->transfer->on_success_only);
  CHECK_INT(f->transfer->fails, PG_FAIL_NEVER);

  f = fn(r, "full_reset");
  CHECK_INT(f->reset_arg, 0);
  CHECK_INT(f->request_arg, PG_NO_ARG);

  f = fn(r, "full_add");
  CHECK(f->joins_pool != NULL);
  CHECK_INT(f->joins_pool->arg, 1);
  CHECK_INT(f->joins_pool->pool_arg, 0);
  pg_rules_free(r);
}

static void test_valid_bodies(void) {
  pg_rules *r = load_full();
  const pg_function *f;

  f = fn(r, "full_begin");
  CHECK(f->open_body != NULL);
  CHECK_INT(f->open_body->arg, 0);
  CHECK_INT(f->open_body->fails, PG_FAIL_NONZERO);

  f = fn(r, "full_read");
  CHECK(f->read != NULL);
  CHECK_INT(f->read->arg, 0);
  CHECK_INT(f->read->eof, PG_EOF_ZERO_RETURN);
  CHECK_INT(f->read->error, PG_FAIL_NEGATIVE);
  CHECK_INT(f->read->count_arg, PG_NO_ARG);
  CHECK_INT(f->read->out_count_arg, PG_NO_ARG);

  f = fn(r, "full_read_all");
  CHECK_INT(f->read->eof, PG_EOF_SHORT_COUNT);
  CHECK_INT(f->read->error, PG_FAIL_FALSE);
  CHECK_INT(f->read->count_arg, 2);
  CHECK_INT(f->read->out_count_arg, 3);

  f = fn(r, "full_read_bytes");
  CHECK_INT(f->read->eof, PG_EOF_EMPTY_RESULT);
  CHECK_INT(f->read->error, PG_FAIL_NULL);

  f = fn(r, "full_drain");
  CHECK(f->read_to_end != NULL);
  CHECK_INT(f->read_to_end->arg, 0);
  CHECK_INT(f->read_to_end->flag_arg, PG_NO_ARG);
  CHECK_STR(f->read_to_end->flag, NULL);
  CHECK_INT(f->read_to_end->then, PG_THEN_NONE);

  f = fn(r, "full_splice");
  CHECK_INT(f->read_to_end->arg, 1);
  CHECK_INT(f->read_to_end->flag_arg, 2);
  CHECK_STR(f->read_to_end->flag, "FULL_SPLICE_CLOSE_SOURCE");
  CHECK_INT(f->read_to_end->then, PG_THEN_RELEASE);

  f = fn(r, "full_splice_close");
  CHECK_INT(f->read_to_end->then, PG_THEN_CLOSE);
  pg_rules_free(r);
}

static void test_valid_configure(void) {
  pg_rules *r = load_full();
  const pg_configure *c;
  const pg_option *o;
  const pg_function *f;

  f = fn(r, "full_setopt");
  CHECK_INT(f->params, 2);
  CHECK(f->variadic);
  c = f->configure;
  CHECK(c != NULL);
  CHECK_INT(c->arg, 0);
  CHECK_INT(c->style, PG_STYLE_OPTION);
  CHECK_INT(c->option_arg, 1);
  CHECK_INT(c->value_arg, 2); /* beyond params: allowed, variadic */
  CHECK_INT(c->first_property_arg, PG_NO_ARG);
  CHECK_INT(c->noptions, 6);
  o = &c->options[0];
  CHECK_STR(o->name, "FULLOPT_TIMEOUT");
  CHECK_INT(o->effect, PG_EFFECT_TIMEOUT);
  CHECK(!o->has_default);
  CHECK_STR(o->value, NULL);
  CHECK(!o->construct_only);
  CHECK_STR(o->fix, "full_setopt({}, FULLOPT_TIMEOUT, {value})");
  CHECK_STR(o->source, NULL);
  CHECK_INT(o->loc.line, 89);
  CHECK_INT(o->loc.col, 9);
  o = &c->options[1];
  CHECK_STR(o->name, "FULLOPT_FORBID_REUSE");
  CHECK_INT(o->effect, PG_EFFECT_REUSE_DISABLED);
  CHECK_STR(o->fix, NULL);
  o = &c->options[2];
  CHECK_INT(o->effect, PG_EFFECT_POOL_LIMIT);
  CHECK(o->has_default);
  CHECK_INT(o->default_value, 5);
  CHECK_STR(o->source, "full.h:99");
  o = &c->options[3];
  CHECK_INT(o->effect, PG_EFFECT_SHARE_CONNECTIONS);
  CHECK_STR(o->value, "FULL_LOCK_CONNECT");
  CHECK_INT(o->nconsumed, 0);
  CHECK_INT(o->unit_arg, PG_NO_ARG);
  o = &c->options[4];
  CHECK_INT(o->effect, PG_EFFECT_DATA_CALLBACK);
  CHECK_INT(o->nconsumed, 2);
  CHECK_INT(o->consumed[0], 1);
  CHECK_INT(o->consumed[1], 2);
  CHECK_INT(o->unit_arg, 1);
  CHECK_INT(o->nalso_returns, 2);
  CHECK_STR(o->also_returns[0], "FULL_PAUSE");
  CHECK_STR(o->also_returns[1], "FULL_ABORT");
  CHECK_STR(o->also_returns[2], NULL);
  o = &c->options[5];
  CHECK_INT(o->nconsumed, 1);
  CHECK_INT(o->consumed[0], 3);
  CHECK_INT(o->unit_arg, PG_NO_ARG);
  CHECK_INT(o->nalso_returns, 0);

  c = fn(r, "full_obj_new")->configure;
  CHECK_INT(c->style, PG_STYLE_PROPERTIES);
  CHECK_INT(c->arg, PG_NO_ARG);
  CHECK_INT(c->option_arg, PG_NO_ARG);
  CHECK_INT(c->value_arg, PG_NO_ARG);
  CHECK_INT(c->first_property_arg, 1);
  CHECK_INT(c->noptions, 1);
  CHECK_STR(c->options[0].name, "max-conns");
  CHECK_INT(c->options[0].effect, PG_EFFECT_POOL_LIMIT_PER_HOST);
  CHECK_INT(c->options[0].default_value, 2);
  CHECK(c->options[0].construct_only);
  CHECK_STR(c->options[0].construct_only_if_declared, "full_v3_only");

  c = fn(r, "full_set_timeout")->configure;
  CHECK_INT(c->style, PG_STYLE_VALUE);
  CHECK_INT(c->arg, 0);
  CHECK_INT(c->value_arg, 1);
  CHECK_INT(c->option_arg, PG_NO_ARG);
  CHECK_INT(c->noptions, 1);
  CHECK_INT(c->options[0].default_value, -1);
  pg_rules_free(r);
}

/* Every enum spelling of the schema maps to its value. */
static void test_valid_enums(void) {
  static const char *const effects[] = {
      "timeout",       "low-speed-limit",     "low-speed-time",
      "pool-limit",    "pool-limit-per-host", "reuse-disabled",
      "reuse-enabled", "share",               "share-connections",
      "new-connection"};
  static const char *const roles[] = {"client", "body", "request",
                                      "auxiliary"};
  static const char *const fails[] = {"never", "null", "nonzero", "negative",
                                      "false"};
  char text[4096];
  pg_rules *r = pg_rules_new();
  const pg_function *f;
  size_t i;
  int n;

  n = snprintf(text, sizeof(text),
               "poolguard-rules: 1\nlibrary: e\nkinds:\n");
  for (i = 0; i < 4; i++)
    n += snprintf(text + n, sizeof(text) - (size_t)n,
                  "  k%zu: { type: T, role: %s }\n", i, roles[i]);
  n += snprintf(text + n, sizeof(text) - (size_t)n,
                "functions:\n  set:\n    configure:\n      arg: 0\n"
                "      style: option\n      option-arg: 1\n"
                "      value-arg: 2\n      options:\n");
  for (i = 0; i < 10; i++)
    n += snprintf(text + n, sizeof(text) - (size_t)n,
                  "        O%zu: { effect: %s }\n", i, effects[i]);
  for (i = 0; i < 5; i++)
    n += snprintf(text + n, sizeof(text) - (size_t)n,
                  "  get%zu: { acquire: { kind: k0, fails-when: %s } }\n", i,
                  fails[i]);
  CHECK(n < (int)sizeof(text));
  load_ok(r, "enums.yaml", text);
  for (i = 0; i < 4; i++) {
    char name[8];
    snprintf(name, sizeof(name), "k%zu", i);
    CHECK_INT(pg_rules_kind(r, "e", name)->role, (pg_role)i);
    CHECK_STR(pg_role_name((pg_role)i), roles[i]);
  }
  f = fn(r, "set");
  CHECK_INT(f->configure->noptions, 10);
  for (i = 0; i < 10; i++) {
    CHECK_INT(f->configure->options[i].effect, (pg_effect)i);
    CHECK_STR(pg_effect_name((pg_effect)i), effects[i]);
  }
  for (i = 0; i < 5; i++) {
    char name[8];
    snprintf(name, sizeof(name), "get%zu", i);
    CHECK_INT(fn(r, name)->acquire[0].fails, (pg_fail)i);
  }
  CHECK_STR(pg_role_name((pg_role)99), "?");
  CHECK_STR(pg_effect_name((pg_effect)-1), "?");
  pg_rules_free(r);
}

/* ---- defaults ----------------------------------------------------------- */

static void test_defaults(void) {
  pg_rules *r = pg_rules_new();
  const pg_function *f;
  const pg_kind *k;

  load_ok(r, "defaults.yaml",
          "poolguard-rules: 1\n"
          "library: d\n"
          "kinds:\n"
          "  h: { type: H, role: client }\n"
          "functions:\n"
          "  ret: { acquire: { kind: h } }\n"
          "  out: { acquire: { kind: h, out-arg: 1 } }\n"
          "  rel: { release: { arg: 0 } }\n"
          "  xfer: { transfer: { arg: 0 } }\n"
          "  open: { open-body: { arg: 0 } }\n"
          "  rd: { read: { arg: 0, eof: zero-return } }\n"
          "  drain: { read-to-end: { arg: 0 } }\n"
          "  props: { configure: { style: properties, first-property-arg: 1,"
          " options: { p: { effect: timeout } } } }\n"
          "  bare: {}\n");
  k = pg_rules_kind(r, "d", "h");
  CHECK_STR(k->description, "h");
  CHECK_STR(k->release_fix, NULL);
  CHECK_STR(k->drain_fix, NULL);
  CHECK_STR(k->consequence, NULL);
  CHECK_STR(k->source, NULL);

  f = fn(r, "ret");
  CHECK_INT(f->acquire[0].fails, PG_FAIL_NULL);
  CHECK_INT(f->acquire[0].out_arg, PG_NO_ARG);
  CHECK_INT(f->acquire[0].if_arg, PG_NO_ARG);
  f = fn(r, "out");
  CHECK_INT(f->acquire[0].fails, PG_FAIL_NONZERO);
  f = fn(r, "rel");
  CHECK(!f->release->null_ok);
  CHECK(f->release->kinds == NULL);
  f = fn(r, "xfer");
  CHECK(!f->transfer->on_success_only);
  CHECK_INT(f->transfer->fails, PG_FAIL_NEVER);
  f = fn(r, "open");
  CHECK_INT(f->open_body->fails, PG_FAIL_NEVER);
  f = fn(r, "rd");
  CHECK_INT(f->read->error, PG_FAIL_NEVER);
  CHECK_INT(f->read->count_arg, PG_NO_ARG);
  CHECK_INT(f->read->out_count_arg, PG_NO_ARG);
  f = fn(r, "drain");
  CHECK_INT(f->read_to_end->flag_arg, PG_NO_ARG);
  CHECK_INT(f->read_to_end->then, PG_THEN_NONE);
  f = fn(r, "props");
  CHECK_INT(f->configure->arg, PG_NO_ARG);
  CHECK(!f->configure->options[0].has_default);
  CHECK(!f->configure->options[0].construct_only);
  CHECK_STR(f->configure->options[0].value, NULL);

  f = fn(r, "bare");
  CHECK_STR(f->library, "d");
  CHECK_INT(f->params, -1);
  CHECK(!f->variadic);
  CHECK_STR(f->source, NULL);
  CHECK(f->acquire == NULL);
  CHECK_INT(f->nacquire, 0);
  CHECK(f->release == NULL);
  CHECK(f->close == NULL);
  CHECK_INT(f->borrow_mask, 0);
  CHECK(!f->borrow_all);
  CHECK(f->transfer == NULL);
  CHECK(f->open_body == NULL);
  CHECK(f->read == NULL);
  CHECK(f->read_to_end == NULL);
  CHECK(f->configure == NULL);
  CHECK_INT(f->request_arg, PG_NO_ARG);
  CHECK_INT(f->reset_arg, PG_NO_ARG);
  CHECK(f->joins_pool == NULL);
  pg_rules_free(r);
}

static void test_valid_ownership(void) {
  pg_rules *r = pg_rules_new();
  const pg_function *f;

  load_fixture(r, "ownership.yaml");
  CHECK(pg_rules_kind(r, "own", "stream")->opened_by_call);
  CHECK(!pg_rules_kind(r, "own", "eager")->opened_by_call);
  CHECK(!pg_rules_kind(r, "own", "pool")->opened_by_call);

  f = fn(r, "own_add");
  CHECK_INT(f->transfer->arg, 1);
  CHECK_INT(f->transfer->to_arg, 0);
  CHECK(f->transfer->on_success_only);
  CHECK_INT(f->transfer->fails, PG_FAIL_NONZERO);
  CHECK_INT(f->reclaim_arg, PG_NO_ARG);

  f = fn(r, "own_remove");
  CHECK_INT(f->reclaim_arg, 1);
  CHECK(f->transfer == NULL);

  f = fn(r, "own_give");
  CHECK_INT(f->transfer->to_arg, PG_NO_ARG);
  CHECK_INT(f->exposes_owned_arg, PG_NO_ARG);
  CHECK_INT(f->returns_arg, PG_NO_ARG);

  f = fn(r, "own_next_message");
  CHECK_INT(f->exposes_owned_arg, 0);
  CHECK_INT(f->returns_arg, PG_NO_ARG);

  f = fn(r, "own_cast");
  CHECK_INT(f->returns_arg, 0);
  CHECK_INT(f->status_arg, PG_NO_ARG);

  f = fn(r, "own_status");
  CHECK_INT(f->status_arg, 0);
  CHECK_STR(f->status_field, NULL);
  f = fn(r, "own_status_struct");
  CHECK_INT(f->status_arg, 0);
  CHECK_STR(f->status_field, "code");

  CHECK_INT(f->method_arg, PG_NO_ARG);
  CHECK(f->no_body_methods == NULL);

  f = fn(r, "own_request_new");
  CHECK_INT(f->method_arg, 1);
  CHECK_INT((int)f->nno_body_methods, 2);
  CHECK_STR(f->no_body_methods[0], "HEAD");
  CHECK_STR(f->no_body_methods[1], "OPTIONS");
  CHECK(f->no_body_methods[2] == NULL);

  CHECK(!f->new_memory);
  CHECK_INT(f->frees_memory_arg, PG_NO_ARG);

  f = fn(r, "own_alloc");
  CHECK(f->new_memory);
  CHECK_INT(f->frees_memory_arg, PG_NO_ARG);
  f = fn(r, "own_free_sized");
  CHECK(!f->new_memory);
  CHECK_INT(f->frees_memory_arg, 1);

  f = fn(r, "own_read");
  CHECK_INT(f->read->eof, PG_EOF_ZERO_RETURN);
  CHECK_INT(f->read->count_arg, 2);
  CHECK_INT(f->read->out_count_arg, PG_NO_ARG);
  CHECK_INT(f->read->error_arg, 4);

  f = fn(r, "own_set_timeout");
  CHECK(f->configure->options[0].zero_keeps_default);
  CHECK_INT(f->configure->options[0].default_value, 120);
  CHECK_INT(f->configure->options[0].combine, PG_COMBINE_SET);
  CHECK(f->configure->options[0].negative_disables);

  CHECK_INT(fn(r, "own_hang_up")->drops_connection_arg, 0);
  CHECK(fn(r, "own_hang_up")->async_result);
  CHECK(!fn(r, "own_setopt")->async_result);
  CHECK_INT(fn(r, "own_hang_up")->adds_reference_arg, 0);
  CHECK_INT(fn(r, "own_setopt")->adds_reference_arg, PG_NO_ARG);
  CHECK_INT(fn(r, "own_setopt")->drops_connection_arg, PG_NO_ARG);

  f = fn(r, "own_setopt");
  CHECK(f->configure->keeps != NULL);
  CHECK_STR(f->configure->keeps[0]->name, "item");
  CHECK(f->configure->keeps[1] == NULL);
  CHECK(fn(r, "own_add_flags")->configure->keeps == NULL);

  f = fn(r, "own_add_flags");
  CHECK_STR(f->configure->options[0].value, "OWN_FRESH");
  CHECK_INT(f->configure->options[0].combine, PG_COMBINE_ADD);
  pg_rules_free(r);
}

/* ---- errors: exact messages --------------------------------------------- */

typedef struct error_case {
  const char *what;
  const char *text;
  const char *expected[4]; /* NULL-terminated */
} error_case;

#define HEAD "poolguard-rules: 1\nlibrary: mylib\n"

static const error_case error_cases[] = {
    {"yaml syntax",
     HEAD "functions: [a, b\n",
     {"bad.yaml:4:1: error: invalid YAML: did not find expected ',' or ']' "
      "(while parsing a flow sequence at 3:12)"}},
    {"yaml reader: invalid UTF-8",
     HEAD "kinds: { a\xff: {} }\n",
     {"bad.yaml:3:11: error: invalid YAML: invalid leading UTF-8 octet (#xFF)"}},
    {"empty file", "# nothing\n",
     {"bad.yaml:1:1: error: empty rule file (expected a mapping with "
      "'poolguard-rules' and 'library')"}},
    {"top level not a mapping", "- a\n",
     {"bad.yaml:1:1: error: a rule file must be a mapping with "
      "'poolguard-rules' and 'library', got a sequence"}},
    {"two documents", HEAD "---\nx: 1\n",
     {"bad.yaml:4:1: error: a rule file must hold one YAML document, found a "
      "second"}},
    {"version", "poolguard-rules: 2\nlibrary: mylib\nbogus: 1\n",
     {"bad.yaml:1:18: error: 'poolguard-rules' must be 1, got '2'"}},
    {"missing top-level keys", "kinds: {}\n",
     {"bad.yaml:1:1: error: missing required key 'poolguard-rules' in the "
      "top-level mapping",
      "bad.yaml:1:1: error: missing required key 'library' in the top-level "
      "mapping"}},
    {"unknown top-level key", HEAD "kinz: {}\n",
     {"bad.yaml:3:1: error: unknown key 'kinz' in the top-level mapping "
      "(expected one of: poolguard-rules, library, headers, sources, "
      "borrow-prefixes, kinds, functions)"}},
    {"unknown key in function entry",
     HEAD "functions:\n  my_free:\n    relase: { arg: 0 }\n",
     {"bad.yaml:5:5: error: unknown key 'relase' in function entry 'my_free' "
      "(expected one of: params, variadic, source, acquire, release, close, "
      "borrow, transfer, request, open-body, read, read-to-end, configure, "
      "reset, joins-pool, reclaim, exposes-owned, returns-arg, status, method, "
      "new-memory, frees-memory, drops-connection, async-result, "
      "adds-reference)"}},
    {"unknown key in kind",
     HEAD "kinds:\n  body: { type: B, role: body, drian: x }\n",
     {"bad.yaml:4:32: error: unknown key 'drian' in kind 'body' (expected one "
      "of: type, role, release, drain, description, consequence, source, "
      "opened-by)"}},
    {"unknown key in role",
     HEAD "functions:\n  f:\n    release: { arg: 0, nullok: true }\n",
     {"bad.yaml:5:24: error: unknown key 'nullok' in 'release' of function "
      "'f' (expected one of: arg, null-ok, kinds)"}},
    {"unknown key in option",
     HEAD "functions:\n  f:\n    configure:\n      arg: 0\n"
          "      style: value\n      value-arg: 1\n"
          "      options: { t: { effect: timeout, defualt: 1 } }\n",
     {"bad.yaml:9:40: error: unknown key 'defualt' in option 't' of function "
      "'f' (expected one of: effect, default, value, construct-only, fix, "
      "source, zero-keeps-default, consumed, unit-arg, also-returns, "
      "construct-only-if-declared, combine, negative-disables)"}},
    {"control characters are escaped",
     HEAD "functions:\n  f:\n    \"re\\nlease\": { arg: 0 }\n",
     {"bad.yaml:5:5: error: unknown key 're\\x0alease' in function entry 'f' "
      "(expected one of: params, variadic, source, acquire, release, close, "
      "borrow, transfer, request, open-body, read, read-to-end, configure, "
      "reset, joins-pool, reclaim, exposes-owned, returns-arg, status, method, "
      "new-memory, frees-memory, drops-connection, async-result, "
      "adds-reference)"}},
    {"non-scalar key", HEAD "functions:\n  f:\n    ? [a]\n    : 1\n",
     {"bad.yaml:5:7: error: keys in function entry 'f' must be names, got a "
      "sequence"}},
    {"undefined alias", HEAD "functions: *nope\n",
     {"bad.yaml:3:12: error: invalid YAML: found undefined alias"}},
    {"non-scalar key in an open mapping", HEAD "functions:\n  ? [a]\n  : 1\n",
     {"bad.yaml:4:5: error: keys in 'functions' must be names, got a "
      "sequence"}},
    {"empty function name", HEAD "functions:\n  \"\": { request: { arg: 0 } }\n",
     {"bad.yaml:4:3: error: function name must not be empty"}},
    {"NUL in a function name", HEAD "functions:\n  \"a\\0b\": {}\n",
     {"bad.yaml:4:3: error: function name 'a\\x00b' must not contain NUL "
      "characters"}},
    {"missing required key",
     HEAD "functions:\n  my_get:\n    acquire: { out-arg: 0 }\n",
     {"bad.yaml:5:14: error: missing required key 'kind' in 'acquire' of "
      "function 'my_get'"}},
    {"new-memory not a boolean",
     HEAD "functions:\n  my_alloc:\n    new-memory: yes please\n",
     {"bad.yaml:5:17: error: 'new-memory' must be true or false, got 'yes "
      "please'"}},
    {"frees-memory and release of one argument",
     HEAD "functions:\n  my_free:\n    release: { arg: 0 }\n"
          "    frees-memory: { arg: 0 }\n",
     {"bad.yaml:6:5: error: function 'my_free' both releases and frees "
      "argument 0"}},
    {"method on a call that returns no request",
     HEAD "functions:\n  f:\n    method: { arg: 0, no-body: [HEAD] }\n",
     {"bad.yaml:5:5: error: 'method' of function 'f' describes the request "
      "the call returns: the function needs an 'acquire' role without "
      "'out-arg'"}},
    {"method without no-body",
     HEAD "kinds: { r: { type: \"R *\", role: body } }\n"
          "functions:\n  f:\n    acquire: { kind: r }\n"
          "    method: { arg: 0 }\n",
     {"bad.yaml:7:13: error: missing required key 'no-body' in 'method' of "
      "function 'f'"}},
    {"method with an empty no-body",
     HEAD "kinds: { r: { type: \"R *\", role: body } }\n"
          "functions:\n  f:\n    acquire: { kind: r }\n"
          "    method: { arg: 0, no-body: [\"\"] }\n",
     {"bad.yaml:7:33: error: each entry of 'no-body' must not be empty"}},
    {"role must be a mapping", HEAD "functions:\n  f:\n    release: 0\n",
     {"bad.yaml:5:14: error: 'release' of function 'f' must be a mapping, "
      "got '0'"}},
    {"function entry must be a mapping", HEAD "functions:\n  f:\n",
     {"bad.yaml:4:5: error: function entry 'f' must be a mapping, got "
      "nothing"}},
    {"arg negative", HEAD "functions:\n  my_free:\n    release: { arg: -1 }\n",
     {"bad.yaml:5:21: error: 'arg' must be an integer from 0 to 31, got "
      "'-1'"}},
    {"arg too big", HEAD "functions:\n  f:\n    request: { arg: 32 }\n",
     {"bad.yaml:5:21: error: 'arg' must be an integer from 0 to 31, got "
      "'32'"}},
    {"arg quoted", HEAD "functions:\n  f:\n    request: { arg: \"0\" }\n",
     {"bad.yaml:5:21: error: 'arg' must be an integer from 0 to 31, got the "
      "quoted string '0'"}},
    {"arg not below params",
     HEAD "functions:\n  my_free:\n    params: 1\n    release: { arg: 1 }\n",
     {"bad.yaml:6:21: error: 'arg' must be less than params (1), got '1'"}},
    {"variadic does not excuse a handle arg",
     HEAD "functions:\n  f:\n    params: 1\n    variadic: true\n"
          "    borrow: { args: [0, 1] }\n",
     {"bad.yaml:7:25: error: each entry of 'args' must be less than params "
      "(1), got '1'"}},
    {"params out of range", HEAD "functions:\n  f:\n    params: 300\n",
     {"bad.yaml:5:13: error: 'params' must be an integer from 0 to 255, got "
      "'300'"}},
    {"bool", HEAD "functions:\n  f:\n    release: { arg: 0, null-ok: yes }\n",
     {"bad.yaml:5:33: error: 'null-ok' must be true or false, got 'yes'"}},
    {"string", HEAD "kinds:\n  body:\n    type: [a]\n    role: body\n",
     {"bad.yaml:5:11: error: 'type' must be a string, got a sequence"}},
    {"string not null", "poolguard-rules: 1\nlibrary: ~\n",
     {"bad.yaml:2:10: error: 'library' must be a string, got '~'"}},
    {"string not empty", "poolguard-rules: 1\nlibrary: \"\"\n",
     {"bad.yaml:2:10: error: 'library' must not be empty"}},
    {"string without NUL",
     HEAD "kinds:\n  k: { type: \"a\\0b\", role: client }\n",
     {"bad.yaml:4:14: error: 'type' must not contain NUL characters"}},
    {"string list", HEAD "sources: https://example.org\n",
     {"bad.yaml:3:10: error: 'sources' must be a sequence of strings, got "
      "'https://example.org'"}},
    {"string list entry", HEAD "headers: [a.h, [b]]\n",
     {"bad.yaml:3:16: error: each entry of 'headers' must be a string, got a "
      "sequence"}},
    {"empty borrow prefix", HEAD "borrow-prefixes: [my_, \"\"]\n",
     {"bad.yaml:3:24: error: each entry of 'borrow-prefixes' must not be "
      "empty"}},
    {"integer", HEAD "functions:\n  f:\n    configure:\n      arg: 0\n"
                     "      style: value\n      value-arg: 1\n"
                     "      options: { t: { effect: timeout, default: 5s } }\n",
     {"bad.yaml:9:49: error: 'default' must be an integer, got '5s'"}},
    {"enum role", HEAD "kinds:\n  body:\n    type: \"X *\"\n    role: server\n",
     {"bad.yaml:6:11: error: 'role' must be one of (client, body, request, "
      "auxiliary), got 'server'"}},
    {"enum fails-when",
     HEAD "kinds: { h: { type: H, role: client } }\nfunctions:\n  f:\n"
          "    acquire: { kind: h, fails-when: zero }\n",
     {"bad.yaml:6:37: error: 'fails-when' must be one of (never, null, "
      "nonzero, negative, false), got 'zero'"}},
    {"enum eof", HEAD "functions:\n  f:\n    read: { arg: 0, eof: eof }\n",
     {"bad.yaml:5:26: error: 'eof' must be one of (zero-return, short-count, "
      "empty-result), got 'eof'"}},
    {"enum style",
     HEAD "functions:\n  f:\n    configure: { style: opt, options: {} }\n",
     {"bad.yaml:5:25: error: 'style' must be one of (option, properties, "
      "value), got 'opt'"}},
    {"enum then",
     HEAD "functions:\n  f:\n    read-to-end: { arg: 0, if-flag: { arg: 1, "
          "flag: F, then: free } }\n",
     {"bad.yaml:5:62: error: 'then' must be one of (release, close), got "
      "'free'"}},
    {"enum when",
     HEAD "functions:\n  f:\n    transfer: { arg: 0, when: sometimes }\n",
     {"bad.yaml:5:31: error: 'when' must be one of (always, success), got "
      "'sometimes'"}},
    {"enum effect",
     HEAD "functions:\n  f:\n    configure:\n      arg: 0\n"
          "      style: value\n      value-arg: 1\n"
          "      options: { t: { effect: speed } }\n",
     {"bad.yaml:9:31: error: 'effect' must be one of (timeout, "
      "low-speed-limit, low-speed-time, pool-limit, pool-limit-per-host, "
      "reuse-disabled, reuse-enabled, share, share-connections, "
      "new-connection, data-callback), got 'speed'"}},
    {"construct-only-if-declared without construct-only",
     HEAD "functions:\n  f:\n    configure:\n      arg: 0\n"
          "      style: value\n      value-arg: 1\n"
          "      options: { t: { effect: pool-limit, "
          "construct-only-if-declared: g } }\n",
     {"bad.yaml:9:43: error: 'construct-only-if-declared' in option 't' of "
      "function 'f' needs 'construct-only: true'"}},
    {"keeps not a list",
     HEAD "kinds:\n  k: { type: T, role: client }\n"
          "functions:\n  f:\n    configure:\n      arg: 0\n"
          "      style: value\n      value-arg: 1\n      keeps: k\n"
          "      options: { t: { effect: timeout } }\n",
     {"bad.yaml:11:14: error: 'keeps' must be a non-empty sequence of kind "
      "names (leave it out when every value is copied), got 'k'"}},
    {"keeps unknown kind",
     HEAD "kinds:\n  k: { type: T, role: client }\n"
          "functions:\n  f:\n    configure:\n      arg: 0\n"
          "      style: value\n      value-arg: 1\n      keeps: [kk]\n"
          "      options: { t: { effect: timeout } }\n",
     {"bad.yaml:11:15: error: unknown kind 'kk' (expected one of: k)"}},
    {"combine without value",
     HEAD "functions:\n  f:\n    configure:\n      arg: 0\n"
          "      style: value\n      value-arg: 1\n"
          "      options: { t: { effect: new-connection, combine: add } }\n",
     {"bad.yaml:9:47: error: 'combine: add' in option 't' of function 'f' "
      "needs 'value'"}},
    {"unknown combine",
     HEAD "functions:\n  f:\n    configure:\n      arg: 0\n"
          "      style: value\n      value-arg: 1\n"
          "      options: { t: { effect: new-connection, value: X, "
          "combine: or } }\n",
     {"bad.yaml:9:66: error: 'combine' must be one of (set, add, remove), "
      "got 'or'"}},
    {"returns-arg beyond params",
     HEAD "functions:\n  f:\n    params: 1\n    returns-arg: { arg: 1 }\n",
     {"bad.yaml:6:25: error: 'arg' must be less than params (1), got '1'"}},
    {"data callback without consumed",
     HEAD "functions:\n  f:\n    configure:\n      arg: 0\n"
          "      style: value\n      value-arg: 1\n"
          "      options: { cb: { effect: data-callback } }\n",
     {"bad.yaml:9:22: error: missing required key 'consumed' in option 'cb' "
      "of function 'f'"}},
    {"consumed too long",
     HEAD "functions:\n  f:\n    configure:\n      arg: 0\n"
          "      style: value\n      value-arg: 1\n"
          "      options: { cb: { effect: data-callback, consumed: [1, 2, 3] } }\n",
     {"bad.yaml:9:57: error: 'consumed' must be a sequence of one or two "
      "callback parameter indexes, got a sequence"}},
    {"consumed index out of range",
     HEAD "functions:\n  f:\n    configure:\n      arg: 0\n"
          "      style: value\n      value-arg: 1\n"
          "      options: { cb: { effect: data-callback, consumed: [1, 40] } }\n",
     {"bad.yaml:9:61: error: 'consumed' must be an integer from 0 to 31, got "
      "'40'"}},
    {"unit-arg not consumed",
     HEAD "functions:\n  f:\n    configure:\n      arg: 0\n"
          "      style: value\n      value-arg: 1\n"
          "      options: { cb: { effect: data-callback, consumed: [2], "
          "unit-arg: 1 } }\n",
     {"bad.yaml:9:72: error: 'unit-arg' in option 'cb' of function 'f' must "
      "be one of the 'consumed' parameters"}},
    {"callback keys on another effect",
     HEAD "functions:\n  f:\n    configure:\n      arg: 0\n"
          "      style: value\n      value-arg: 1\n"
          "      options: { t: { effect: timeout, also-returns: [X] } }\n",
     {"bad.yaml:9:40: error: 'also-returns' in option 't' of function 'f' "
      "applies only to 'effect: data-callback'"}},
    {"also-returns not names",
     HEAD "functions:\n  f:\n    configure:\n      arg: 0\n"
          "      style: value\n      value-arg: 1\n"
          "      options: { cb: { effect: data-callback, consumed: [1], "
          "also-returns: X } }\n",
     {"bad.yaml:9:76: error: 'also-returns' must be a sequence of strings, "
      "got 'X'"}},
    {"duplicate function",
     HEAD "functions:\n  my_get:\n    request: { arg: 0 }\n"
          "  my_get:\n    request: { arg: 1 }\n",
     {"bad.yaml:6:3: error: duplicate function 'my_get' (first defined at "
      "bad.yaml:4:3)"}},
    {"duplicate kind",
     HEAD "kinds:\n  k: { type: A, role: client }\n"
          "  k: { type: B, role: client }\n",
     {"bad.yaml:5:3: error: duplicate kind 'k' (first defined at "
      "bad.yaml:4:3)"}},
    {"duplicate option",
     HEAD "functions:\n  f:\n    configure:\n      arg: 0\n"
          "      style: option\n      option-arg: 1\n      value-arg: 2\n"
          "      options:\n        A: { effect: timeout }\n"
          "        A: { effect: share }\n",
     {"bad.yaml:12:9: error: duplicate option 'A' (first defined at "
      "bad.yaml:11:9)"}},
    {"duplicate key", HEAD "functions:\n  my_free:\n    release: { arg: 0, arg: 1 }\n",
     {"bad.yaml:5:24: error: duplicate key 'arg' in 'release' of function "
      "'my_free' (first defined at bad.yaml:5:16)"}},
    {"duplicate top-level key", HEAD "library: other\n",
     {"bad.yaml:3:1: error: duplicate key 'library' in the top-level mapping "
      "(first defined at bad.yaml:2:1)"}},
    {"unknown kind",
     HEAD "kinds:\n  body: { type: \"B *\", role: body }\n"
          "functions:\n  my_get:\n    acquire: { kind: bdy }\n",
     {"bad.yaml:7:22: error: unknown kind 'bdy' (expected one of: body)"}},
    {"unknown kind, none defined",
     HEAD "functions:\n  my_get:\n    acquire: { kind: body }\n",
     {"bad.yaml:5:22: error: unknown kind 'body' (library 'mylib' has no "
      "kinds loaded)"}},
    {"unknown library.kind not loaded",
     HEAD "functions:\n  my_unref:\n"
          "    release: { arg: 0, kinds: [gio.input-stream] }\n",
     {"bad.yaml:5:32: error: unknown kind 'gio.input-stream' (library 'gio' "
      "has no kinds loaded)"}},
    {"empty release kinds", HEAD "functions:\n  f:\n    release: { arg: 0, kinds: [] }\n",
     {"bad.yaml:5:31: error: 'kinds' must be a non-empty sequence of kind "
      "names (leave it out to accept any kind), got a sequence"}},
    {"unknown kind without a library",
     "poolguard-rules: 1\nfunctions:\n  f: { acquire: { kind: k } }\n",
     {"bad.yaml:1:1: error: missing required key 'library' in the top-level "
      "mapping",
      "bad.yaml:3:25: error: unknown kind 'k' (this file defines no kinds)"}},
    {"release kinds entry", HEAD "functions:\n  f:\n    release: { arg: 0, kinds: [{}] }\n",
     {"bad.yaml:5:32: error: each entry of 'kinds' must be a string, got a "
      "mapping"}},
    {"kind name with a dot", HEAD "kinds:\n  a.b: { type: T, role: client }\n",
     {"bad.yaml:4:3: error: kind name 'a.b' must not contain '.' (it "
      "separates library and kind in 'library.kind')"}},
    {"opened-by on a non-body kind",
     HEAD "kinds:\n  k: { type: T, role: client, opened-by: open-body }\n",
     {"bad.yaml:4:31: error: 'opened-by' in kind 'k' applies only to kinds "
      "with role 'body'"}},
    {"opened-by value",
     HEAD "kinds:\n  k: { type: T, role: body, opened-by: later }\n",
     {"bad.yaml:4:40: error: 'opened-by' must be one of (acquire, "
      "open-body), got 'later'"}},
    {"reclaim without arg", HEAD "functions:\n  f:\n    reclaim: {}\n",
     {"bad.yaml:5:14: error: missing required key 'arg' in 'reclaim' of "
      "function 'f'"}},
    {"release template without {}",
     HEAD "kinds:\n  body:\n    type: \"struct my_body *\"\n    role: body\n"
          "    release: \"my_http_free(b)\"\n",
     {"bad.yaml:7:14: error: 'release' in kind 'body' must contain '{}' "
      "where the handle goes, got the quoted string 'my_http_free(b)'"}},
    {"drain template with an empty block",
     HEAD "kinds:\n  body:\n    type: \"struct my_body *\"\n    role: body\n"
          "    release: \"my_free({})\"\n"
          "    drain: \"while (my_read({}, NULL, 0) > 0) {}\"\n",
     {"bad.yaml:8:12: error: 'drain' in kind 'body' holds an empty block "
      "'{}', which would be replaced by the handle; write 'continue;' or ';' "
      "as the empty body, got the quoted string 'while (my_read({}, NULL, 0) "
      "> 0) {}'"}},
    {"release template with else {}",
     HEAD "kinds:\n  body:\n    type: \"struct my_body *\"\n    role: body\n"
          "    release: \"if ({}) my_free({}); else {}\"\n",
     {"bad.yaml:7:14: error: 'release' in kind 'body' holds an empty block "
      "'{}', which would be replaced by the handle; write 'continue;' or ';' "
      "as the empty body, got the quoted string 'if ({}) my_free({}); else "
      "{}'"}},
    {"empty release template",
     HEAD "kinds:\n  k: { type: T, role: client, release: \"\" }\n",
     {"bad.yaml:4:40: error: 'release' in kind 'k' must contain '{}' where "
      "the handle goes, got the quoted string ''"}},
    {"drain template without {}",
     HEAD "kinds:\n  body:\n    type: \"struct my_body *\"\n    role: body\n"
          "    release: \"my_free({})\"\n    drain: my_drain(b)\n",
     {"bad.yaml:8:12: error: 'drain' in kind 'body' must contain '{}' where "
      "the handle goes, got 'my_drain(b)'"}},
    {"fix template with {value} but without {}",
     HEAD "functions:\n  f:\n    configure:\n      arg: 0\n"
          "      style: value\n      value-arg: 1\n"
          "      options:\n        t:\n          effect: timeout\n"
          "          fix: \"f(h, {value})\"\n",
     {"bad.yaml:12:16: error: 'fix' in option 't' of function 'f' must "
      "contain '{}' where the handle goes, got the quoted string "
      "'f(h, {value})'"}},
    {"drain on a non-body kind",
     HEAD "kinds:\n  k: { type: T, role: client, drain: \"d({})\" }\n",
     {"bad.yaml:4:31: error: 'drain' in kind 'k' applies only to kinds with "
      "role 'body'"}},
    {"acquire must not be empty", HEAD "functions:\n  f:\n    acquire: []\n",
     {"bad.yaml:5:14: error: 'acquire' of function 'f' must be a mapping or a "
      "non-empty sequence of mappings, got a sequence"}},
    {"acquire alternative must be a mapping",
     HEAD "kinds: { h: { type: H, role: client } }\nfunctions:\n  f:\n"
          "    acquire: [ { kind: h }, 3 ]\n",
     {"bad.yaml:6:29: error: alternative 2 of 'acquire' of function 'f' must "
      "be a mapping, got '3'"}},
    {"borrow scalar", HEAD "functions:\n  f:\n    borrow: some\n",
     {"bad.yaml:5:13: error: 'borrow' of function 'f' must be 'all' or a "
      "mapping, got 'some'"}},
    {"borrow without args", HEAD "functions:\n  f:\n    borrow: {}\n",
     {"bad.yaml:5:13: error: missing required key 'args' in 'borrow' of "
      "function 'f'"}},
    {"borrow args not a sequence", HEAD "functions:\n  f:\n    borrow: { args: 0 }\n",
     {"bad.yaml:5:21: error: 'args' must be a non-empty sequence of argument "
      "indexes, got '0'"}},
    {"conflict: borrow and release",
     HEAD "functions:\n  my_use:\n    borrow: { args: [0, 1] }\n"
          "    release: { arg: 0 }\n",
     {"bad.yaml:6:5: error: function 'my_use' both borrows and releases "
      "argument 0"}},
    {"conflict: release before borrow all",
     HEAD "functions:\n  f:\n    release: { arg: 2 }\n    borrow: all\n",
     {"bad.yaml:6:5: error: function 'f' both releases and borrows argument "
      "2"}},
    {"conflict: transfer and release",
     HEAD "functions:\n  my_f:\n    transfer: { arg: 1 }\n"
          "    release: { arg: 1 }\n",
     {"bad.yaml:6:5: error: function 'my_f' both transfers and releases "
      "argument 1"}},
    {"conflict: borrow and transfer",
     HEAD "functions:\n  f:\n    borrow: { arg: 0 }\n"
          "    transfer: { arg: 0 }\n",
     {"bad.yaml:6:5: error: function 'f' both borrows and transfers argument "
      "0"}},
    {"conflict: acquire out-arg and release",
     HEAD "kinds: { s: { type: S, role: auxiliary } }\nfunctions:\n"
          "  my_swap:\n    release: { arg: 0 }\n"
          "    acquire: { kind: s, out-arg: 0 }\n",
     {"bad.yaml:7:5: error: function 'my_swap' both releases and acquires "
      "through argument 0"}},
    {"conflict: close and release",
     HEAD "functions:\n  f:\n    close: { arg: 0 }\n    release: { arg: 0 }\n",
     {"bad.yaml:6:5: error: function 'f' both closes and releases argument "
      "0"}},
    {"transfer success without fails-when",
     HEAD "functions:\n  my_append:\n    transfer: { arg: 0, when: success }\n",
     {"bad.yaml:5:25: error: 'when: success' in 'transfer' of function "
      "'my_append' needs 'fails-when' (how the return value shows failure)"}},
    {"transfer fails-when without success",
     HEAD "functions:\n  f:\n    transfer: { arg: 0, fails-when: null }\n",
     {"bad.yaml:5:25: error: 'fails-when' in 'transfer' of function 'f' "
      "applies only with 'when: success'"}},
    {"short-count needs counts",
     HEAD "functions:\n  f:\n    read: { arg: 0, eof: short-count, "
          "count-arg: 2 }\n",
     {"bad.yaml:5:11: error: missing required key 'out-count-arg' in 'read' "
      "of function 'f' (needed by 'eof: short-count')"}},
    {"out-count only with short-count",
     HEAD "functions:\n  f:\n    read: { arg: 0, eof: zero-return, "
          "out-count-arg: 2 }\n",
     {"bad.yaml:5:39: error: 'out-count-arg' in 'read' of function 'f' "
      "applies only with 'eof: short-count'"}},
    {"configure: style needs its args",
     HEAD "functions:\n  f:\n    configure: { arg: 0, style: option, "
          "value-arg: 2, options: {} }\n",
     {"bad.yaml:5:16: error: missing required key 'option-arg' in "
      "'configure' of function 'f' (needed by 'style: option')"}},
    {"configure: arg of another style",
     HEAD "functions:\n  f:\n    configure: { style: properties, "
          "first-property-arg: 1, value-arg: 2, options: {} }\n",
     {"bad.yaml:5:60: error: 'value-arg' in 'configure' of function 'f' does "
      "not apply to 'style: properties'"}},
    {"configure: value style has one option",
     HEAD "functions:\n  f:\n    configure: { arg: 0, style: value, "
          "value-arg: 1, options: { a: { effect: timeout }, b: { effect: "
          "share } } }\n",
     {"bad.yaml:5:63: error: 'options' in 'configure' of function 'f' must "
      "have exactly one entry with 'style: value', got 2"}},
    {"if-flag needs all keys",
     HEAD "functions:\n  f:\n    read-to-end: { arg: 0, if-flag: { arg: 1 } }\n",
     {"bad.yaml:5:37: error: missing required key 'flag' in 'if-flag' of "
      "function 'f'",
      "bad.yaml:5:37: error: missing required key 'then' in 'if-flag' of "
      "function 'f'"}},
    {"joins-pool needs pool-arg",
     HEAD "functions:\n  f:\n    joins-pool: { arg: 1 }\n",
     {"bad.yaml:5:17: error: missing required key 'pool-arg' in 'joins-pool' "
      "of function 'f'"}},
    {"several errors in one file",
     HEAD "kinds:\n  k: { type: T, role: nope }\n"
          "functions:\n  a: { request: { arg: 99 } }\n"
          "  b: { borrow: { args: [0] }, release: { arg: 0 } }\n",
     {"bad.yaml:4:23: error: 'role' must be one of (client, body, request, "
      "auxiliary), got 'nope'",
      "bad.yaml:6:24: error: 'arg' must be an integer from 0 to 31, got '99'",
      "bad.yaml:7:31: error: function 'b' both borrows and releases argument "
      "0"}},
};

static void run_error_case(const error_case *c) {
  pg_rules *r = pg_rules_new();
  diags d = {{0}, 0};
  int expected = 0, errors, i;

  while (expected < 4 && c->expected[expected])
    expected++;
  errors = load_text(r, "bad.yaml", c->text, &d);
  if (errors != expected || d.n != expected) {
    fprintf(stderr, "error case '%s': %d errors, %d messages, expected %d:\n",
            c->what, errors, d.n, expected);
    diags_print(&d);
    failures++;
  }
  for (i = 0; i < expected && i < d.n; i++) {
    if (strcmp(d.msg[i], c->expected[i]) != 0) {
      fprintf(stderr, "error case '%s', message %d:\n  got      %s\n"
                      "  expected %s\n",
              c->what, i + 1, d.msg[i], c->expected[i]);
      failures++;
    }
  }
  /* The file is rejected whole. */
  CHECK_INT(pg_rules_function_count(r), 0);
  CHECK_INT(pg_rules_kind_count(r), 0);
  CHECK(!pg_rules_borrows_by_default(r, "my_anything"));
  diags_clear(&d);
  pg_rules_free(r);
}

static void test_errors(void) {
  size_t i;

  for (i = 0; i < sizeof(error_cases) / sizeof(error_cases[0]); i++)
    run_error_case(&error_cases[i]);
}

/* Errors that need more than one file or a special setup. */
static void test_errors_special(void) {
  pg_rules *r = pg_rules_new();
  diags d = {{0}, 0};
  char path[1024];
  char *big;
  size_t i, n;
  int errors;

  /* A missing file. */
  snprintf(path, sizeof(path), "%s/fixtures/no-such-file.yaml", PG_TEST_DIR);
  errors = pg_rules_load_file(r, path, collect, &d);
  CHECK_INT(errors, 1);
  CHECK_INT(d.n, 1);
  if (d.n == 1) {
    char expected[1200];
    snprintf(expected, sizeof(expected),
             "%s:1:1: error: cannot read rule file: No such file or directory",
             path);
    CHECK_STR(d.msg[0], expected);
  }
  diags_clear(&d);

  /* NULL text is an empty file; NULL name is "<buffer>". */
  errors = pg_rules_load_buffer(r, NULL, NULL, 0, collect, &d);
  CHECK_INT(errors, 1);
  if (d.n == 1)
    CHECK_STR(d.msg[0], "<buffer>:1:1: error: empty rule file (expected a "
                        "mapping with 'poolguard-rules' and 'library')");
  diags_clear(&d);

  /* Errors are counted even without a diag callback. */
  CHECK_INT(pg_rules_load_buffer(r, "x.yaml", "- 1\n", 4, NULL, NULL), 1);

  /* A NULL rule set only validates. */
  CHECK_INT(pg_rules_load_buffer(NULL, "x.yaml", HEAD, strlen(HEAD), collect,
                                 &d),
            0);
  CHECK_INT(d.n, 0);

  /* After 100 errors the loader gives up on the file. */
  n = strlen(HEAD) + 200 * 16 + 1;
  big = malloc(n);
  CHECK(big != NULL);
  strcpy(big, HEAD);
  for (i = 0; i < 200; i++)
    snprintf(big + strlen(big), n - strlen(big), "bogus%03zu: 1\n", i);
  errors = load_text(r, "many.yaml", big, &d);
  CHECK_INT(errors, 101);
  CHECK_INT(d.n, 101);
  if (d.n == 101) {
    CHECK_STR(d.msg[0], "many.yaml:3:1: error: unknown key 'bogus000' in the "
                        "top-level mapping (expected one of: poolguard-rules, "
                        "library, headers, sources, borrow-prefixes, kinds, "
                        "functions)");
    CHECK_STR(d.msg[100], "many.yaml:103:1: error: too many errors, giving up "
                          "on this file");
  }
  diags_clear(&d);
  free(big);

  /* A library.kind reference to a library loaded later is an error. */
  errors = load_text(r, "early.yaml",
                     HEAD "functions:\n  f: { release: { arg: 0, kinds: "
                          "[later.k] } }\n",
                     &d);
  CHECK_INT(errors, 1);
  if (d.n == 1)
    CHECK_STR(d.msg[0], "early.yaml:4:35: error: unknown kind 'later.k' "
                        "(library 'later' has no kinds loaded)");
  diags_clear(&d);
  load_ok(r, "later.yaml",
          "poolguard-rules: 1\nlibrary: later\nkinds: { k: { type: K, role: "
          "auxiliary }, j: { type: J, role: body } }\n");
  errors = load_text(r, "late.yaml",
                     HEAD "functions:\n  f: { release: { arg: 0, kinds: "
                          "[later.x] } }\n",
                     &d);
  CHECK_INT(errors, 1);
  if (d.n == 1)
    CHECK_STR(d.msg[0], "late.yaml:4:35: error: unknown kind 'later.x' "
                        "(expected one of: later.k, later.j)");
  diags_clear(&d);

  /* acquire.kind, like release.kinds, names a kind of another library
     loaded earlier as library.kind (docs/rules.md); a bare name is a kind
     of the file's own library only. */
  load_ok(r, "other.yaml",
          "poolguard-rules: 1\nlibrary: other\nfunctions:\n"
          "  other_new: { acquire: { kind: later.k } }\n");
  CHECK(fn(r, "other_new")->acquire[0].kind == pg_rules_kind(r, "later", "k"));
  errors = load_text(r, "bare.yaml",
                     "poolguard-rules: 1\nlibrary: other\nfunctions:\n"
                     "  other_new2: { acquire: { kind: k } }\n",
                     &d);
  CHECK_INT(errors, 1);
  if (d.n == 1)
    CHECK_STR(d.msg[0], "bare.yaml:4:34: error: unknown kind 'k' (library "
                        "'other' has no kinds loaded)");
  diags_clear(&d);
  pg_rules_free(r);
}

/* ---- merging ------------------------------------------------------------ */

static void test_merge(void) {
  pg_rules *r = pg_rules_new();
  const pg_function *old_close, *new_close, *open;
  const pg_kind *conn, *stream, *user_conn;

  load_fixture(r, "base.yaml");
  CHECK_INT(pg_rules_function_count(r), 3);
  CHECK_INT(pg_rules_kind_count(r), 1);
  conn = pg_rules_kind(r, "lib", "conn");
  old_close = fn(r, "lib_close");
  CHECK_STR(conn->description, "old connection");
  CHECK(pg_rules_borrows_by_default(r, "lib_anything"));
  CHECK(!pg_rules_borrows_by_default(r, "lib_close")); /* has an entry */
  CHECK(!pg_rules_borrows_by_default(r, "lib2_x"));
  CHECK(!pg_rules_borrows_by_default(r, "other"));
  CHECK(!pg_rules_borrows_by_default(r, NULL));

  /* Same library: functions replace, kinds are redefined in place, prefixes
     accumulate. */
  load_fixture(r, "override.yaml");
  CHECK_INT(pg_rules_function_count(r), 5);
  CHECK_INT(pg_rules_kind_count(r), 2);
  new_close = fn(r, "lib_close");
  CHECK(new_close != old_close);
  CHECK(new_close->release->null_ok);
  CHECK(strstr(new_close->loc.file, "override.yaml") != NULL);
  CHECK(pg_rules_function_at(r, 1) == new_close); /* keeps its slot */
  /* the replaced entry is still valid memory, untouched */
  CHECK_STR(old_close->name, "lib_close");
  CHECK(!old_close->release->null_ok);
  CHECK(strstr(old_close->loc.file, "base.yaml") != NULL);
  /* base.yaml's lib_open sees the redefined kind */
  CHECK(pg_rules_kind(r, "lib", "conn") == conn);
  CHECK_STR(conn->description, "new connection");
  CHECK(strstr(conn->loc.file, "override.yaml") != NULL);
  CHECK(fn(r, "lib_open")->acquire[0].kind == conn);
  stream = pg_rules_kind(r, "lib", "stream");
  CHECK(stream != NULL);
  CHECK(fn(r, "lib_stream")->acquire[0].kind == stream);
  /* override.yaml refers to base.yaml's kind by its bare name */
  CHECK(fn(r, "lib2_own")->release->kinds[0] == conn);
  CHECK(pg_rules_borrows_by_default(r, "lib_x"));
  CHECK(pg_rules_borrows_by_default(r, "lib2_x"));
  CHECK(!pg_rules_borrows_by_default(r, "lib2_own"));

  /* Another library: overrides a function, has its own "conn". */
  load_fixture(r, "user.yaml");
  CHECK_INT(pg_rules_function_count(r), 6);
  CHECK_INT(pg_rules_kind_count(r), 3);
  user_conn = pg_rules_kind(r, "user", "conn");
  CHECK(user_conn != NULL && user_conn != conn);
  CHECK_INT(user_conn->role, PG_ROLE_AUXILIARY);
  CHECK_STR(pg_rules_kind(r, "lib", "conn")->type, "LibConn *");
  open = fn(r, "lib_open");
  CHECK_STR(open->library, "user");
  CHECK(open->acquire[0].kind == conn);
  CHECK_INT(open->acquire[0].fails, PG_FAIL_NEVER);
  CHECK(pg_rules_function_at(r, 0) == open);
  CHECK(fn(r, "user_free")->release->kinds[0] == user_conn);
  CHECK(fn(r, "user_free")->release->kinds[1] == conn);
  CHECK(fn(r, "user_free")->release->kinds[2] == stream);
  CHECK(fn(r, "user_free")->release->kinds[3] == NULL);
  pg_rules_free(r);
}

/* Many entries: the hash tables grow and every lookup still works. */
static void test_merge_many(void) {
  const size_t n = 3000;
  size_t cap = 64 + n * 48, i, len;
  char *text = malloc(cap);
  pg_rules *r = pg_rules_new();

  CHECK(text != NULL);
  len = (size_t)snprintf(text, cap,
                         "poolguard-rules: 1\nlibrary: many\nfunctions:\n");
  for (i = 0; i < n; i++)
    len += (size_t)snprintf(text + len, cap - len,
                            "  f%zu: { request: { arg: 0 } }\n", i);
  load_ok(r, "many1.yaml", text);
  /* a second file overrides every other entry */
  len = (size_t)snprintf(text, cap,
                         "poolguard-rules: 1\nlibrary: many\nfunctions:\n");
  for (i = 0; i < n; i += 2)
    len += (size_t)snprintf(text + len, cap - len,
                            "  f%zu: { reset: { arg: 1 } }\n", i);
  load_ok(r, "many2.yaml", text);
  CHECK_INT(pg_rules_function_count(r), n);
  for (i = 0; i < n; i++) {
    char name[16];
    const pg_function *f;
    snprintf(name, sizeof(name), "f%zu", i);
    f = pg_rules_function(r, name);
    CHECK(f != NULL);
    if (f)
      CHECK_INT(f->reset_arg, i % 2 ? PG_NO_ARG : 1);
    CHECK(pg_rules_function_at(r, i) == f);
  }
  CHECK(pg_rules_function(r, "f3000") == NULL);
  CHECK(pg_rules_function(r, "") == NULL);
  CHECK(pg_rules_function(NULL, "f1") == NULL);
  CHECK(pg_rules_function_at(r, n) == NULL);
  free(text);
  pg_rules_free(r);
}

/* ---- a rejected file leaves the rules as they were ---------------------- */

static void test_reject_keeps(void) {
  pg_rules *r = pg_rules_new();
  diags d = {{0}, 0};
  const pg_function *close;
  const pg_kind *conn;
  int errors;

  load_fixture(r, "base.yaml");
  close = fn(r, "lib_close");
  conn = pg_rules_kind(r, "lib", "conn");

  /* Everything merge would change, then one error at the very end. */
  errors = load_text(r, "reject.yaml",
                     "poolguard-rules: 1\n"
                     "library: lib\n"
                     "borrow-prefixes: [rej_]\n"
                     "kinds:\n"
                     "  conn: { type: X, role: body, description: changed }\n"
                     "  extra: { type: Y, role: client }\n"
                     "functions:\n"
                     "  lib_close: { request: { arg: 0 } }\n"
                     "  rej_new: { acquire: { kind: extra } }\n"
                     "  rej_bad: { release: { arg: 40 } }\n",
                     &d);
  CHECK_INT(errors, 1);
  CHECK_INT(d.n, 1);
  if (d.n == 1)
    CHECK_STR(d.msg[0], "reject.yaml:10:30: error: 'arg' must be an integer "
                        "from 0 to 31, got '40'");
  diags_clear(&d);

  CHECK_INT(pg_rules_function_count(r), 3);
  CHECK_INT(pg_rules_kind_count(r), 1);
  CHECK(pg_rules_function(r, "lib_close") == close);
  CHECK(close->release != NULL);
  CHECK_INT(close->request_arg, PG_NO_ARG);
  CHECK(pg_rules_function(r, "rej_new") == NULL);
  CHECK(pg_rules_function(r, "rej_bad") == NULL);
  CHECK(pg_rules_kind(r, "lib", "extra") == NULL);
  CHECK(pg_rules_kind(r, "lib", "conn") == conn);
  CHECK_STR(conn->description, "old connection");
  CHECK_INT(conn->role, PG_ROLE_CLIENT);
  CHECK(!pg_rules_borrows_by_default(r, "rej_x"));
  CHECK(pg_rules_borrows_by_default(r, "lib_x"));

  /* and the rule set still takes good files */
  load_fixture(r, "override.yaml");
  CHECK_STR(conn->description, "new connection");
  pg_rules_free(r);
}

/* ---- built-in files ----------------------------------------------------- */

static int test_builtin(void) {
  size_t i, n = pg_builtin_count();
  pg_rules *r;
  diags d = {{0}, 0};
  int errors;

  CHECK(pg_builtin_name(n) == NULL);
  CHECK(pg_builtin_text(n, NULL) == NULL);
  if (n == 0) {
    fprintf(stderr, "no built-in rule files: skipped\n");
    return SKIPPED;
  }
  for (i = 0; i < n; i++) {
    size_t len = 0;
    const char *text = pg_builtin_text(i, &len);
    CHECK(pg_builtin_name(i) != NULL);
    CHECK(text != NULL);
    CHECK_INT(strlen(text), len);
    if (i > 0)
      CHECK(strcmp(pg_builtin_name(i - 1), pg_builtin_name(i)) < 0);
  }
  r = pg_rules_new();
  errors = pg_rules_load_builtin(r, collect, &d);
  if (errors) {
    fprintf(stderr, "built-in rule files have %d errors:\n", errors);
    diags_print(&d);
  }
  CHECK_INT(errors, 0);
  CHECK(pg_rules_function_count(r) > 0);
  CHECK(pg_rules_kind_count(r) > 0);
  for (i = 0; i < pg_rules_function_count(r); i++) {
    const pg_function *f = pg_rules_function_at(r, i);
    CHECK(pg_rules_function(r, f->name) == f);
    CHECK(strncmp(f->loc.file, "builtin/", 8) == 0);
  }
  diags_clear(&d);
  pg_rules_free(r);
  return 0;
}

/* ---- driver ------------------------------------------------------------- */

typedef struct group {
  const char *name;
  void (*run)(void);
} group;

static const group groups[] = {
    {"valid_kinds", test_valid_kinds},
    {"valid_acquire", test_valid_acquire},
    {"valid_release", test_valid_release},
    {"valid_borrow_transfer", test_valid_borrow_transfer},
    {"valid_bodies", test_valid_bodies},
    {"valid_configure", test_valid_configure},
    {"valid_enums", test_valid_enums},
    {"defaults", test_defaults},
    {"errors", test_errors},
    {"errors_special", test_errors_special},
    {"merge", test_merge},
    {"merge_many", test_merge_many},
    {"reject_keeps", test_reject_keeps},
    {"valid_ownership", test_valid_ownership},
};

int main(int argc, char **argv) {
  const char *only = argc > 1 ? argv[1] : NULL;
  bool found = false;
  int status = 0;
  size_t i;

  for (i = 0; i < sizeof(groups) / sizeof(groups[0]); i++) {
    if (only && strcmp(only, groups[i].name) != 0)
      continue;
    found = true;
    groups[i].run();
  }
  if (!only || strcmp(only, "builtin") == 0) {
    found = true;
    status = test_builtin();
  }
  if (!found) {
    fprintf(stderr, "unknown test group '%s'\n", only);
    return 1;
  }
  if (failures) {
    fprintf(stderr, "%d check(s) failed\n", failures);
    return 1;
  }
  return only ? status : 0;
}
