// The one place where LLVM 19 and 22 differ for poolguard. Everything else in
// checker/ is written against the API common to both.
#ifndef POOLGUARD_COMPAT_H
#define POOLGUARD_COMPAT_H

#include "clang/Basic/Version.h"

#if CLANG_VERSION_MAJOR != 19 && CLANG_VERSION_MAJOR != 22
#error "poolguard supports LLVM/Clang 19 and 22"
#endif

// check::Bind gained an `AtDeclInit` parameter in LLVM 22.
#if CLANG_VERSION_MAJOR >= 22
#define PG_BIND_EXTRA_PARAM , bool /*AtDeclInit*/
#else
#define PG_BIND_EXTRA_PARAM
#endif

#endif
