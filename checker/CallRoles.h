// What a call does to handles, as one pg_function: the rule entry for the
// callee, else roles synthesized from Clang's handle attributes
// (acquire_handle/release_handle/use_handle("poolguard")), else "borrows
// everything" for a call into a modeled library, else nothing (null).
#ifndef POOLGUARD_CALLROLES_H
#define POOLGUARD_CALLROLES_H

#include "RuleSet.h"

#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"

namespace poolguard {

// The roles of a declaration: its rule entry, else its attributes.
const pg_function *declRoles(const clang::FunctionDecl *FD,
                             const RuleSet &Rules);

const pg_function *callRoles(const clang::ento::CallEvent &Call,
                             const RuleSet &Rules);

} // namespace poolguard

#endif
