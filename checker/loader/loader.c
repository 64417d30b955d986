/*
 * poolguard.so: the file users load with -fplugin=. It holds no analyzer
 * code. A C++ plugin built for one clang crashes or fails with an undefined
 * C++ symbol when loaded into another; this loader first asks the host
 * compiler for its version (LLVM's C API, stable across releases) and only
 * on an exact match loads the real plugin that sits next to it. On a
 * mismatch the compiler stops with a message that says what to do.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define STR2(x) #x
#define STR(x) STR2(x)
#define BUILT_VERSION                                                         \
  STR(PG_CLANG_MAJOR) "." STR(PG_CLANG_MINOR) "." STR(PG_CLANG_PATCH)

/* The analyzer compares this with its own full version before it registers
 * any checker (CheckerRegistry.h). */
__attribute__((visibility("default"))) const char
    clang_analyzerAPIVersionString[] = BUILT_VERSION;

typedef void (*register_fn)(void *registry);
typedef void (*version_fn)(unsigned *major, unsigned *minor, unsigned *patch);

static register_fn impl_register;

void clang_registerCheckers(void *registry);

static void fail(const char *what)
{
  fprintf(stderr, "error: poolguard: %s\n", what);
  _exit(1);
}

static void check_host_version(void)
{
  char msg[512];
  unsigned major = 0, minor = 0, patch = 0;
  version_fn host_version = (version_fn)dlsym(RTLD_DEFAULT, "LLVMGetVersion");

  if(!host_version)
    fail("poolguard.so must be loaded by clang " BUILT_VERSION
         " (-fplugin=, -Xclang -load, scan-build -load-plugin)");
  host_version(&major, &minor, &patch);
  if(major == PG_CLANG_MAJOR && minor == PG_CLANG_MINOR &&
     patch == PG_CLANG_PATCH)
    return;
  snprintf(msg, sizeof(msg),
           "this poolguard.so was built for clang " BUILT_VERSION
           " but is loaded into clang %u.%u.%u; use a poolguard built for "
           "it (cmake -DPOOLGUARD_LLVM_VERSION=%u)",
           major, minor, patch, major);
  fail(msg);
}

static void load_implementation(void)
{
  char path[PATH_MAX];
  char msg[PATH_MAX + 256];
  Dl_info self;
  char *slash;
  void *impl;

  if(!dladdr((void *)load_implementation, &self) || !self.dli_fname)
    fail("cannot locate poolguard.so itself");
  if(strlen(self.dli_fname) >= sizeof(path))
    fail("plugin path too long");
  strcpy(path, self.dli_fname);
  slash = strrchr(path, '/');
  *(slash ? slash + 1 : path) = '\0';
  if(strlen(path) + sizeof(PG_IMPL_NAME) > sizeof(path))
    fail("plugin path too long");
  strcat(path, PG_IMPL_NAME);

  /* RTLD_GLOBAL: the implementation registers its build-mode action in
   * clang's plugin registry while it loads. */
  impl = dlopen(path, RTLD_NOW | RTLD_GLOBAL);
  if(!impl) {
    snprintf(msg, sizeof(msg), "cannot load %s: %s", path, dlerror());
    fail(msg);
  }
  impl_register = (register_fn)dlsym(impl, "clang_registerCheckers");
  if(!impl_register)
    fail("the plugin implementation has no clang_registerCheckers");
}

__attribute__((constructor)) static void poolguard_loader_init(void)
{
  check_host_version();
  load_implementation();
}

__attribute__((visibility("default"))) void
clang_registerCheckers(void *registry)
{
  impl_register(registry);
}
