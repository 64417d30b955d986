// Functions defined in the file that the analyzer calls without inlining
// them (variadic ones, or ones whose inlined analysis ran out of budget
// once): from their body, which handle arguments they only borrow. CSA
// would count every pointer passed to them as escaped, and a leak after
// `run_multi(m)` or `log_request(h, "%s", url)` would go unseen.
#ifndef POOLGUARD_HELPERSUMMARY_H
#define POOLGUARD_HELPERSUMMARY_H

#include "RuleSet.h"

namespace clang {
class FunctionDecl;
}

namespace poolguard {

enum class ArgUse {
  Unknown,    // stored, returned, released, handed on: it escapes
  Borrows,    // only passed to calls that borrow it, or tested
  Configures, // also configured (curl_easy_setopt): its options change
};

// How the body of FD (its definition in this translation unit) uses its
// parameter Param. Unknown without a body.
ArgUse helperArgUse(const clang::FunctionDecl *FD, unsigned Param,
                    const RuleSet &Rules);

// Whether the body of FD makes a request on its parameter Param (directly
// or through a helper of its own): a call to it is a request on that
// argument (`run_multi(m)` that calls curl_multi_perform(m)).
bool helperRequests(const clang::FunctionDecl *FD, unsigned Param,
                    const RuleSet &Rules);

} // namespace poolguard

#endif
