// __attribute__((cleanup(f))): which cleanup functions release which handles.
// CSA never runs them (llvm/llvm-project#81834), so the engine asks here.
#ifndef POOLGUARD_CLEANUPATTR_H
#define POOLGUARD_CLEANUPATTR_H

#include "RuleSet.h"

namespace clang {
class CompoundStmt;
class VarDecl;
} // namespace clang

namespace poolguard {

// True when Var has a cleanup attribute whose function reaches (directly or
// through helpers defined in this translation unit or inline in headers) a
// modeled release that accepts a handle of Kind.
bool cleanupReleases(const clang::VarDecl *Var, const pg_kind *Kind,
                     const RuleSet &Rules);

// The block that declares Var when it is not its function's body (the
// cleanup runs at that block's closing brace), else null.
const clang::CompoundStmt *innerScopeOf(const clang::VarDecl *Var);

} // namespace poolguard

#endif
