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

// A response body's stream: None (not a body, not opened yet, or closed),
// Open (may still hold unread bytes), AtEnd (read to the end).
enum class BodyState : unsigned char { None, Open, AtEnd };

// What the last read of an open body returned, kept so that the path's
// constraints on it decide later whether the body was at its end.
struct LastRead {
  const pg_read *Rule = nullptr; // null: not read since it was opened
  clang::ento::SymbolRef Ret = nullptr;
  clang::ento::SymbolRef Count = nullptr; // short-count: bytes read
  clang::ento::SVal Asked;                // bytes asked for, if declared
  clang::ento::SymbolRef ErrOut = nullptr; // the GError written, if any
  // open-body: the call's result; the body is open unless it says failure.
  clang::ento::SymbolRef OpenRet = nullptr;
  pg_fail OpenFails = PG_FAIL_NEVER;

  bool operator==(const LastRead &O) const {
    return Rule == O.Rule && Ret == O.Ret && Count == O.Count &&
           Asked == O.Asked && ErrOut == O.ErrOut && OpenRet == O.OpenRet &&
           OpenFails == O.OpenFails;
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddPointer(Rule);
    ID.AddPointer(Ret);
    ID.AddPointer(Count);
    Asked.Profile(ID);
    ID.AddPointer(ErrOut);
    ID.AddPointer(OpenRet);
    ID.AddInteger(static_cast<unsigned>(OpenFails));
  }
};

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
  BodyState Body;
  LastRead Read;
  // Escaped into this handle (an easy handle added to a multi): it comes
  // back to the caller when the owner is released or hands it back.
  clang::ento::SymbolRef Owner;
  // Followed only for its body: a request this path did not create (a
  // parameter) whose body it opened. Never a leak of this path.
  bool BodyOnly;
  // The store that overwrote the last variable holding the handle
  // (`h = curl_easy_init();` in a retry loop), or the call that freed the
  // memory that alone held it (HolderFreed: `free(c)`): where it was lost.
  const clang::Stmt *LostAt;
  bool HolderFreed;
  // The request handle the body was acquired for (the SoupMessage given to
  // soup_session_send): its status tells whether there is a body at all.
  clang::ento::SymbolRef Peer;
  // The call that took it for good (soup_session_queue_message): releasing
  // it afterwards takes the library's reference.
  const pg_function *TakenBy;
  // The client it was created on (ne_request_create(sess, ...)): closing
  // that client's connection discards its unread body.
  clang::ento::SymbolRef Client;
  // References added on this path (g_object_ref): releases drop these
  // first, and only the last one releases the handle.
  unsigned char ExtraRefs;
  // The cleanup variable that held it before CleanupVar took an added
  // reference (`g_autoptr(T) in = g_object_ref(stream)` in a helper, with
  // the caller's g_autoptr holding `stream`): it holds it again once that
  // reference is dropped.
  const clang::ento::MemRegion *OuterCleanupVar;

  static Handle owned(const pg_kind *K, const pg_function *By,
                      clang::ento::SymbolRef Fail, pg_fail Mode) {
    return {HandleStatus::Owned, K,       By,  Fail, Mode, false,
            nullptr,             nullptr, BodyState::None, LastRead(),
            nullptr,             false,   nullptr, false,
            nullptr,             nullptr, nullptr, 0,
            nullptr};
  }
  Handle withBody(BodyState B, const LastRead &R = LastRead()) const {
    Handle H = *this;
    H.Body = B;
    H.Read = R;
    return H;
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
  Handle ownedBy(clang::ento::SymbolRef O) const {
    Handle H = *this;
    H.Owner = O;
    return H;
  }
  // One reference the path added (g_object_ref) dropped.
  Handle droppingRef() const {
    Handle H = *this;
    --H.ExtraRefs;
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
    if (R) {
      H.LostAt = nullptr;
      H.HolderFreed = false;
    }
    return H;
  }

  bool operator==(const Handle &O) const {
    return Status == O.Status && Kind == O.Kind && Acquirer == O.Acquirer &&
           FailSym == O.FailSym && FailMode == O.FailMode &&
           PendingTransfer == O.PendingTransfer &&
           CleanupVar == O.CleanupVar && Holder == O.Holder &&
           Body == O.Body && Read == O.Read && Owner == O.Owner &&
           BodyOnly == O.BodyOnly && LostAt == O.LostAt &&
           HolderFreed == O.HolderFreed && Peer == O.Peer &&
           TakenBy == O.TakenBy && Client == O.Client &&
           ExtraRefs == O.ExtraRefs && OuterCleanupVar == O.OuterCleanupVar;
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
    ID.AddInteger(static_cast<unsigned>(Body));
    Read.Profile(ID);
    ID.AddPointer(Owner);
    ID.AddBoolean(BodyOnly);
    ID.AddPointer(LostAt);
    ID.AddBoolean(HolderFreed);
    ID.AddPointer(Peer);
    ID.AddPointer(TakenBy);
    ID.AddPointer(Client);
    ID.AddInteger(ExtraRefs);
    ID.AddPointer(OuterCleanupVar);
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

// The symbol whose memory R lies in (`c->easy`: the symbol c points to).
inline clang::ento::SymbolRef memorySymbol(const clang::ento::MemRegion *R) {
  const auto *SR = R ? llvm::dyn_cast<clang::ento::SymbolicRegion>(
                           R->getBaseRegion()->StripCasts())
                     : nullptr;
  return SR ? SR->getSymbol() : nullptr;
}

} // namespace poolguard

#endif
