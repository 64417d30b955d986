// The per-path record of each tracked handle (see Lifecycle.h for the state
// machine). Kept small and immutable: it lives in CSA's program state.
#ifndef POOLGUARD_HANDLESTATE_H
#define POOLGUARD_HANDLESTATE_H

#include "poolguard/rules.h"

#include "clang/StaticAnalyzer/Core/PathSensitive/SVals.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/SymbolManager.h"
#include "llvm/ADT/FoldingSet.h"

namespace poolguard {

enum class HandleStatus : unsigned char { Owned, Released, Escaped };

struct Handle {
  HandleStatus Status;
  const pg_kind *Kind;
  const pg_function *Acquirer; // the call that handed it out
  // The symbol that decides whether the acquisition (or a pending transfer)
  // failed, and how; null once the path has settled it.
  clang::ento::SymbolRef FailSym;
  pg_fail FailMode;
  bool PendingTransfer; // Escaped only if FailSym shows success
  // A variable with a releasing cleanup attribute that holds the handle.
  const clang::ento::MemRegion *CleanupVar;
  // Where the handle was last stored (a variable or a field of one): how
  // messages and fix-its name it.
  const clang::ento::MemRegion *Holder;

  static Handle owned(const pg_kind *K, const pg_function *By,
                      clang::ento::SymbolRef Fail, pg_fail Mode) {
    return {HandleStatus::Owned, K, By, Fail, Mode, false, nullptr, nullptr};
  }
  Handle with(HandleStatus S) const {
    Handle H = *this;
    H.Status = S;
    return H;
  }
  Handle settled() const {
    Handle H = *this;
    H.FailSym = nullptr;
    H.PendingTransfer = false;
    return H;
  }
  Handle heldBy(const clang::ento::MemRegion *Var) const {
    Handle H = *this;
    H.CleanupVar = Var;
    return H;
  }

  Handle storedIn(const clang::ento::MemRegion *R) const {
    Handle H = *this;
    H.Holder = R;
    return H;
  }

  bool operator==(const Handle &O) const {
    return Status == O.Status && Kind == O.Kind && Acquirer == O.Acquirer &&
           FailSym == O.FailSym && FailMode == O.FailMode &&
           PendingTransfer == O.PendingTransfer &&
           CleanupVar == O.CleanupVar && Holder == O.Holder;
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddInteger(static_cast<unsigned>(Status));
    ID.AddPointer(Kind);
    ID.AddPointer(Acquirer);
    ID.AddPointer(FailSym);
    ID.AddInteger(static_cast<unsigned>(FailMode));
    ID.AddBoolean(PendingTransfer);
    ID.AddPointer(CleanupVar);
    ID.AddPointer(Holder);
  }
};

// The symbol a pointer value refers to, looking through casts such as
// (GObject *)stream: the identity of a handle.
inline clang::ento::SymbolRef handleSymbol(clang::ento::SVal V) {
  if (clang::ento::SymbolRef Sym = V.getAsSymbol())
    return Sym;
  if (const clang::ento::MemRegion *R = V.getAsRegion())
    if (const auto *SR =
            llvm::dyn_cast<clang::ento::SymbolicRegion>(R->StripCasts()))
      return SR->getSymbol();
  return nullptr;
}

} // namespace poolguard

#endif
