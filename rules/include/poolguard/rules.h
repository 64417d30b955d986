/*
 * The poolguard rule model: what each library function does to the handles
 * it touches. Loaded from YAML (docs/rules.md), shared by the CSA plugin and
 * the C tools. No Clang dependency.
 *
 * Ownership: a pg_rules owns every string and entry reachable from it; the
 * pointers returned by the lookup functions stay valid until pg_rules_free().
 */
#ifndef POOLGUARD_RULES_H
#define POOLGUARD_RULES_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PG_MAX_ARG 32 /* argument indexes are 0 .. PG_MAX_ARG-1 */
#define PG_NO_ARG (-1)

/* Where an entry came from, for messages. */
typedef struct pg_loc {
  const char *file; /* owned by the pg_rules */
  int line;         /* 1-based */
  int col;          /* 1-based */
} pg_loc;

typedef enum pg_role {
  PG_ROLE_CLIENT,
  PG_ROLE_BODY,
  PG_ROLE_REQUEST,
  PG_ROLE_AUXILIARY
} pg_role;

/* How a call's return value says it failed. */
typedef enum pg_fail {
  PG_FAIL_NEVER,
  PG_FAIL_NULL,
  PG_FAIL_NONZERO,
  PG_FAIL_NEGATIVE,
  PG_FAIL_FALSE
} pg_fail;

typedef enum pg_eof {
  PG_EOF_ZERO_RETURN,
  PG_EOF_SHORT_COUNT,
  PG_EOF_EMPTY_RESULT
} pg_eof;

typedef enum pg_effect {
  PG_EFFECT_TIMEOUT,
  PG_EFFECT_LOW_SPEED_LIMIT,
  PG_EFFECT_LOW_SPEED_TIME,
  PG_EFFECT_POOL_LIMIT,
  PG_EFFECT_POOL_LIMIT_PER_HOST,
  PG_EFFECT_REUSE_DISABLED,
  PG_EFFECT_REUSE_ENABLED,
  PG_EFFECT_SHARE,
  PG_EFFECT_SHARE_CONNECTIONS,
  PG_EFFECT_NEW_CONNECTION,
  PG_EFFECT_DATA_CALLBACK
} pg_effect;

/* How a call with a named `value` combines with what is already set. */
typedef enum pg_combine {
  PG_COMBINE_SET,    /* the call sets the value (soup_message_set_flags) */
  PG_COMBINE_ADD,    /* it adds the value, keeps others (CURLSHOPT_SHARE) */
  PG_COMBINE_REMOVE  /* it takes the value away (soup_message_remove_flags) */
} pg_combine;

typedef enum pg_config_style {
  PG_STYLE_OPTION,     /* f(handle, OPTION, value) */
  PG_STYLE_PROPERTIES, /* f(..., "name", value, ..., NULL) */
  PG_STYLE_VALUE       /* f(handle, value) */
} pg_config_style;

typedef enum pg_then { PG_THEN_NONE, PG_THEN_RELEASE, PG_THEN_CLOSE } pg_then;

typedef struct pg_kind {
  const char *library;
  const char *name;
  const char *type;
  pg_role role;
  const char *release_fix; /* template, "{}" = handle; NULL if none */
  const char *drain_fix;
  const char *description; /* never NULL: defaults to name */
  const char *consequence; /* NULL if none */
  /* Body kinds: the body opens with a call that has the open-body role
     (ne_begin_request), not with the acquisition itself. */
  bool opened_by_call;
  const char *source;
  pg_loc loc;
} pg_kind;

typedef struct pg_acquire {
  const pg_kind *kind;
  int out_arg; /* PG_NO_ARG: the return value is the handle */
  pg_fail fails;
  int if_arg;              /* PG_NO_ARG: unconditional */
  const char *if_arg_call; /* callee name argument if_arg must be a call to */
} pg_acquire;

typedef struct pg_release {
  int arg;
  bool null_ok;
  const pg_kind **kinds; /* NULL-terminated; NULL pointer: any kind */
} pg_release;

typedef struct pg_transfer {
  int arg;
  bool on_success_only;
  pg_fail fails; /* of the return value, when on_success_only */
  /* The handle that takes ownership, or PG_NO_ARG (the library or unknown
     code). When that handle is released, this one comes back. */
  int to_arg;
} pg_transfer;

typedef struct pg_open_body {
  int arg;
  pg_fail fails;
} pg_open_body;

typedef struct pg_read {
  int arg;
  pg_eof eof;
  pg_fail error;
  int count_arg;     /* bytes asked for; PG_NO_ARG if not declared */
  int out_count_arg; /* PG_EOF_SHORT_COUNT: bytes read */
  int error_arg;     /* GError **-style out-parameter: set on error */
} pg_read;

typedef struct pg_read_to_end {
  int arg;
  int flag_arg; /* PG_NO_ARG: no conditional effect */
  const char *flag;
  pg_then then;
} pg_read_to_end;

typedef struct pg_option {
  const char *name;
  pg_effect effect;
  bool has_default;
  long long default_value;
  const char *value; /* effect only when the value is this name; NULL: any */
  pg_combine combine; /* with a value: how the call changes the setting */
  bool construct_only;
  /* construct_only holds only in translation units that declare this
     function (the library version that has it); NULL: always. */
  const char *construct_only_if_declared;
  bool zero_keeps_default; /* setting 0 leaves the default in force */
  bool negative_disables;  /* a negative value switches the effect off */
  /*
   * PG_EFFECT_DATA_CALLBACK: the value is a callback that receives response
   * data and took all of it only when it returns the product of its
   * parameters consumed[0 .. nconsumed-1] (curl: size * nmemb). unit_arg is
   * a parameter the library always passes as 1 (curl's size), PG_NO_ARG if
   * none; also_returns names other values that do not abort the transfer.
   */
  int consumed[2];
  size_t nconsumed;
  int unit_arg;
  const char **also_returns; /* NULL-terminated */
  size_t nalso_returns;
  const char *fix;
  const char *source;
  pg_loc loc;
} pg_option;

typedef struct pg_configure {
  int arg; /* PG_NO_ARG for constructors configured through properties */
  pg_config_style style;
  int option_arg;
  int value_arg;
  int first_property_arg;
  const pg_option *options;
  size_t noptions;
  /* Kinds of handle the setter keeps using when given one as a value (a
     header list), NULL-terminated; NULL: it copies every value. */
  const pg_kind **keeps;
} pg_configure;

typedef struct pg_joins_pool {
  int arg;
  int pool_arg;
} pg_joins_pool;

/* One function's entry. A role pointer is NULL when the role is absent. */
typedef struct pg_function {
  const char *library;
  const char *name;
  int params; /* -1: not declared */
  bool variadic;
  const char *source;
  pg_loc loc;

  const pg_acquire *acquire; /* alternatives, tried in order */
  size_t nacquire;
  const pg_release *release;
  const pg_release *close;
  unsigned borrow_mask; /* bit i: argument i is borrowed */
  bool borrow_all;
  const pg_transfer *transfer;
  const pg_open_body *open_body;
  const pg_read *read;
  const pg_read_to_end *read_to_end;
  const pg_configure *configure;
  int request_arg; /* PG_NO_ARG: not a request */
  pg_fail request_fails; /* how its return value shows the request failed */
  int reset_arg;   /* PG_NO_ARG: not a reset */
  int reclaim_arg; /* PG_NO_ARG: hands no transferred handle back */
  /* The caller can reach every handle transferred into this argument
     (curl_multi_info_read: its messages carry the easy handles). */
  int exposes_owned_arg;
  /* The call returns this argument itself (a checked cast such as
     g_type_check_instance_cast behind G_INPUT_STREAM()). */
  int returns_arg;
  /* The call returns the HTTP status of the handle at this argument: the
     value itself, or a pointer to a struct whose status_field holds it
     (ne_get_status(req)->code). PG_NO_ARG: not a status getter. */
  int status_arg;
  const char *status_field;
  /* The request this call returns has its HTTP method at method_arg; one
     of no_body_methods (HEAD) gets a response without a body, so there is
     nothing to read. PG_NO_ARG: the method is not modeled. */
  int method_arg;
  const char **no_body_methods; /* NULL-terminated */
  size_t nno_body_methods;
  /* Plain memory, not handles: the call returns new memory nobody else can
     reach yet (malloc), or frees the memory at frees_memory_arg (free). A
     handle stored in new memory stays the caller's until the memory is
     handed on or freed. */
  /* The client whose connection the call closes (ne_close_connection):
     unread data of bodies opened on it goes with the socket. */
  int drops_connection_arg;
  /* The call adds a reference to the handle at this argument (g_object_ref):
     the next release drops that one, not the handle. */
  int adds_reference_arg;
  /* It hands out the result of an asynchronous operation, in a callback
     on the main loop: no blocking fix-it (a drain loop) goes there. */
  bool async_result;
  bool new_memory;
  int frees_memory_arg; /* PG_NO_ARG: frees nothing */
  const pg_joins_pool *joins_pool;
} pg_function;

typedef struct pg_rules pg_rules;

/* Receives one formatted "file:line:col: error: message" line (no newline). */
typedef void (*pg_diag_fn)(void *ctx, const char *message);

pg_rules *pg_rules_new(void);
void pg_rules_free(pg_rules *rules);

/*
 * Load one rule file, from disk or from memory (name is used in messages).
 * Entries of a later file replace same-named functions of an earlier one.
 * Returns the number of errors; on any error nothing from the file is kept.
 */
int pg_rules_load_file(pg_rules *rules, const char *path, pg_diag_fn diag,
                       void *ctx);
int pg_rules_load_buffer(pg_rules *rules, const char *name, const char *text,
                         size_t len, pg_diag_fn diag, void *ctx);

/* Load the rule files compiled into the library (rules/builtin/). */
int pg_rules_load_builtin(pg_rules *rules, pg_diag_fn diag, void *ctx);

/* Lookups: NULL when absent. */
const pg_function *pg_rules_function(const pg_rules *rules, const char *name);
const pg_kind *pg_rules_kind(const pg_rules *rules, const char *library,
                             const char *name);

/* True when `name` has no entry but starts with a library's borrow prefix. */
bool pg_rules_borrows_by_default(const pg_rules *rules, const char *name);

/* Iteration, for tools: index 0 .. count-1, in load order. */
size_t pg_rules_function_count(const pg_rules *rules);
const pg_function *pg_rules_function_at(const pg_rules *rules, size_t i);
size_t pg_rules_kind_count(const pg_rules *rules);
const pg_kind *pg_rules_kind_at(const pg_rules *rules, size_t i);

/* The built-in files: names and texts, for `poolguard rules` tooling. */
size_t pg_builtin_count(void);
const char *pg_builtin_name(size_t i);
const char *pg_builtin_text(size_t i, size_t *len);

const char *pg_role_name(pg_role role);
const char *pg_effect_name(pg_effect effect);

#ifdef __cplusplus
}
#endif

#endif /* POOLGUARD_RULES_H */
