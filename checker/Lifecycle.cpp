// The lifecycle engine's transfer functions. Lifecycle.h draws the state
// machine; this file applies the rule model to each call.
#include "Lifecycle.h"
#include "NewMemory.h"

#include "Bodies.h"
#include "CallRoles.h"
#include "CleanupAttr.h"
#include "Failure.h"
#include "HandleState.h"
#include "HelperSummary.h"
#include "Keepers.h"
#include "Reports.h"
#include "Statuses.h"

#include "clang/AST/Attr.h"
#include "clang/AST/ParentMap.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"
#include "llvm/ADT/SmallVector.h"

#include <cstring>
#include <optional>
#include <string>
#include <utility>

using namespace clang;
using namespace clang::ento;

REGISTER_MAP_WITH_PROGRAMSTATE(HandleMap, SymbolRef, poolguard::Handle)
// Every place the program stored a handle and has not stored over since
// (a handle may sit in a local and in a struct field at once).
REGISTER_MAP_WITH_PROGRAMSTATE(HolderMap, const MemRegion *, SymbolRef)
// Pointer variables that point to memory the path allocated (`app =
// g_new0(...)`): the way to the handles stored there (`app->session`).
REGISTER_MAP_WITH_PROGRAMSTATE(MemoryPointers, const MemRegion *,
                               const MemRegion *)

llvm::SmallVector<const MemRegion *, 2>
poolguard::holdersOf(ProgramStateRef State, SymbolRef Sym) {
  llvm::SmallVector<const MemRegion *, 2> Holders;
  for (const auto &Entry : State->get<HolderMap>())
    if (Entry.second == Sym)
      Holders.push_back(Entry.first);
  return Holders;
}

namespace poolguard {

const Handle *trackedHandle(ProgramStateRef State, SymbolRef Sym) {
  return Sym ? State->get<HandleMap>(Sym) : nullptr;
}

bool isPeerOfTracked(ProgramStateRef State, SymbolRef Sym) {
  for (const auto &Entry : State->get<HandleMap>())
    if (Entry.second.Peer == Sym)
      return true;
  return false;
}

static SymbolRef argSymbol(const CallEvent &Call, int Arg) {
  if (Arg < 0 || static_cast<unsigned>(Arg) >= Call.getNumArgs())
    return nullptr;
  return handleSymbol(Call.getArgSVal(Arg));
}

static ProgramStateRef setHandle(ProgramStateRef State, SymbolRef Sym,
                                 const Handle &H) {
  return State->set<HandleMap>(Sym, H);
}

// Collects the notes a transition should carry: one NoteTag for all of them,
// each shown only in reports about its own symbol.
struct PendingNotes {
  struct Note {
    SymbolRef Sym;
    std::string Text;
    int Only; // a CheckKind whose reports alone show it, or -1
  };
  llvm::SmallVector<Note, 2> Notes;
  void add(SymbolRef Sym, std::string Text, int Only = -1) {
    Notes.push_back({Sym, std::move(Text), Only});
  }
  const NoteTag *tag(const LifecycleEngine &E, CheckerContext &C) const {
    if (Notes.empty())
      return nullptr;
    auto Copy = Notes;
    return C.getNoteTag(
        [&E, Copy](PathSensitiveBugReport &BR) -> std::string {
          if (!E.Reports.isOurs(BR))
            return "";
          for (const Note &N : Copy)
            if (BR.isInteresting(N.Sym) &&
                (N.Only < 0 ||
                 (E.Reports.Enabled[N.Only] &&
                  &BR.getBugType() ==
                      &E.Reports.bugType(static_cast<CheckKind>(N.Only)))))
              return N.Text;
          return "";
        });
  }
};

static std::string calleeName(const CallEvent &Call) {
  if (const IdentifierInfo *II = Call.getCalleeIdentifier())
    return II->getName().str();
  return "the call";
}

// The handle a release, close or read-to-end-and-close rule of F ends, if
// any: PartialRead looks at it before the call.
static int endingArg(const pg_function *F, const CallEvent &Call) {
  if (F->release)
    return F->release->arg;
  if (F->close)
    return F->close->arg;
  return PG_NO_ARG;
}

// A checked cast (G_INPUT_STREAM(in) calls g_type_check_instance_cast)
// returns its argument: the handle, not a new unknown pointer.
bool LifecycleEngine::evalCall(const CallEvent &Call, CheckerContext &C) const {
  const pg_function *F = rolesOf(Call);
  const Expr *E = Call.getOriginExpr();
  if (!F || F->returns_arg == PG_NO_ARG || !E ||
      static_cast<unsigned>(F->returns_arg) >= Call.getNumArgs())
    return false;
  C.addTransition(C.getState()->BindExpr(E, C.getLocationContext(),
                                         Call.getArgSVal(F->returns_arg)));
  return true;
}

// An acquisition through `&v` overwrites v: a handle v's cleanup attribute
// was to release is no longer in v, and leaks unless named elsewhere.
static ProgramStateRef overwriteOutArgs(ProgramStateRef State,
                                        const pg_function *F,
                                        const CallEvent &Call) {
  for (size_t I = 0; I < F->nacquire; ++I) {
    int Out = F->acquire[I].out_arg;
    if (Out == PG_NO_ARG || static_cast<unsigned>(Out) >= Call.getNumArgs())
      continue;
    const auto *VR =
        dyn_cast_or_null<VarRegion>(Call.getArgSVal(Out).getAsRegion());
    SymbolRef Old = VR ? handleSymbol(State->getSVal(VR)) : nullptr;
    const Handle *H = Old ? State->get<HandleMap>(Old) : nullptr;
    if (!H || H->CleanupVar != VR)
      continue;
    Handle Lost = H->heldBy(nullptr);
    if (Lost.Status == HandleStatus::Owned)
      Lost.LostAt = Call.getOriginExpr();
    State = setHandle(State, Old, Lost);
  }
  return State;
}

void LifecycleEngine::checkPreCall(const CallEvent &Call,
                                   CheckerContext &C) const {
  const pg_function *F = rolesOf(Call);
  if (!F || F->returns_arg != PG_NO_ARG)
    return;
  ProgramStateRef State = C.getState();
  if (Reports.Enabled[CK_UseAfterRelease])
    for (unsigned I = 0, E = Call.getNumArgs(); I < E; ++I) {
      SymbolRef Sym = argSymbol(Call, I);
      const Handle *H = Sym ? State->get<HandleMap>(Sym) : nullptr;
      bool IsRelease = F->release && F->release->arg == static_cast<int>(I);
      if (H && H->Status == HandleStatus::Escaped && H->TakenBy && IsRelease) {
        ExplodedNode *N = C.generateErrorNode();
        if (!N)
          return;
        C.emitReport(makeReleaseAfterTransferReport(
            Reports.bugType(CK_UseAfterRelease), *H, Sym, Call, N));
        return;
      }
      if (!H || H->Status != HandleStatus::Released)
        continue;
      ExplodedNode *N = C.generateErrorNode();
      if (!N)
        return;
      C.emitReport(makeUseAfterReleaseReport(
          Reports.bugType(CK_UseAfterRelease), *H, Sym, IsRelease, &Call, N));
      return;
    }
  // A release that does not take NULL (ne_request_destroy, g_object_unref)
  // given NULL on this path: a crash, or a critical warning.
  if (Reports.Enabled[CK_UseAfterRelease] && F->release &&
      !F->release->null_ok && F->release->arg >= 0 &&
      static_cast<unsigned>(F->release->arg) < Call.getNumArgs()) {
    SVal V = Call.getArgSVal(F->release->arg);
    if (auto D = V.getAs<DefinedOrUnknownSVal>())
      if (Loc::isLocType(Call.getArgExpr(F->release->arg)->getType()) &&
          State->isNull(*D).isConstrainedTrue()) {
        ExplodedNode *N = C.generateErrorNode();
        if (!N)
          return;
        C.emitReport(makeNullReleaseReport(Reports.bugType(CK_UseAfterRelease),
                                           Call, F->release->arg, N));
        return;
      }
  }
  if (Reports.Enabled[CK_UseAfterRelease] && F->request_arg != PG_NO_ARG)
    if (SymbolRef Target = argSymbol(Call, F->request_arg))
      for (SymbolRef Kept : keptBy(State, Target)) {
        const Handle *KH = State->get<HandleMap>(Kept);
        if (!KH || KH->Status != HandleStatus::Released)
          continue;
        ExplodedNode *N = C.generateErrorNode();
        if (!N)
          return;
        C.emitReport(makeUseAfterReleaseReport(
            Reports.bugType(CK_UseAfterRelease), *KH, Kept, false, &Call, N));
        return;
      }
  State = overwriteOutArgs(State, F, Call);
  int Arg = endingArg(F, Call);
  SymbolRef Sym = argSymbol(Call, Arg);
  const Handle *H = Sym ? State->get<HandleMap>(Sym) : nullptr;
  // A call that reads the body to the end before it ends it (a wrapper that
  // drains and frees) leaves nothing unread.
  if ((F->read_to_end && F->read_to_end->arg == Arg &&
       F->read_to_end->flag_arg == PG_NO_ARG) ||
      !H || H->Status != HandleStatus::Owned ||
      (F->release && F->release->arg == Arg && H->ExtraRefs > 0) ||
      !Reports.Enabled[CK_PartialRead] ||
      !mayHoldUnreadData(State, Sym, *H, C)) {
    C.addTransition(State);
    return;
  }
  ExplodedNode *N = C.generateNonFatalErrorNode(State);
  if (!N)
    return;
  C.emitReport(makePartialReadReport(Reports.bugType(CK_PartialRead), *H, Sym,
                                     &Call, F, *Rules, N, C));
}

// Handles that escaped into another handle come back to the caller when
// that owner is released (curl_multi_cleanup() frees no easy handle) or hands
// them back (curl_multi_remove_handle()).
template <typename Pred>
static ProgramStateRef giveBack(ProgramStateRef State, Pred Matches) {
  for (const auto &Entry : State->get<HandleMap>())
    if (Entry.second.Owner && Entry.second.Status == HandleStatus::Escaped &&
        Matches(Entry.second))
      State = setHandle(State, Entry.first,
                        Entry.second.ownedBy(nullptr).with(HandleStatus::Owned));
  return State;
}

// A handle handed back by its owner is the caller's again. Handed back
// through a value the engine cannot link to a handle (10-at-a-time.c removes
// msg->easy_handle from curl_multi_info_read()), any handle of that owner
// may be the one: they are no longer followed.
static ProgramStateRef applyReclaim(ProgramStateRef State,
                                    const pg_function *F,
                                    const CallEvent &Call) {
  SymbolRef Back = argSymbol(Call, F->reclaim_arg);
  const Handle *H = Back ? State->get<HandleMap>(Back) : nullptr;
  if (H && H->Owner && H->Status == HandleStatus::Escaped)
    return setHandle(State, Back, H->ownedBy(nullptr).with(HandleStatus::Owned));
  if (H)
    return State;
  for (unsigned I = 0, E = Call.getNumArgs(); I < E; ++I)
    if (SymbolRef Owner = argSymbol(Call, I))
      for (const auto &Entry : State->get<HandleMap>())
        if (Entry.second.Owner == Owner)
          State = setHandle(State, Entry.first, Entry.second.ownedBy(nullptr));
  return State;
}

// The program can now reach every handle the owner holds (the messages of
// curl_multi_info_read() carry the easy handles it finished): they are its
// to release from here on, and no longer come back with the owner.
static ProgramStateRef applyExposesOwned(ProgramStateRef State,
                                         const pg_function *F,
                                         const CallEvent &Call) {
  SymbolRef Owner = argSymbol(Call, F->exposes_owned_arg);
  if (!Owner)
    return State;
  for (const auto &Entry : State->get<HandleMap>())
    if (Entry.second.Owner == Owner)
      State = setHandle(State, Entry.first, Entry.second.ownedBy(nullptr));
  return State;
}

// The kind of a handle this path did not acquire (a parameter, a field of
// the caller's struct) that F releases: not ours to leak, but any later use
// is a use after release. Only for a typed release function: a `void *` one
// (g_object_unref) may drop one of several references.
static const pg_kind *unownedReleaseKind(const pg_rules *Rules,
                                         const pg_function *F,
                                         const CallEvent &Call) {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  unsigned Arg = static_cast<unsigned>(F->release->arg);
  if (!FD || Arg >= FD->getNumParams() || Arg >= Call.getNumArgs())
    return nullptr;
  // As written: `CURL *` (a pointer to a typedef of void) is typed,
  // `void *` and `gpointer` are not.
  const auto *PT =
      dyn_cast<PointerType>(FD->getParamDecl(Arg)->getType().getTypePtr());
  if (!PT || isa<BuiltinType>(PT->getPointeeType().getTypePtr()))
    return nullptr;
  std::string Spelled = Call.getArgExpr(Arg)
                            ->IgnoreParenImpCasts()
                            ->getType()
                            .getUnqualifiedType()
                            .getAsString();
  for (size_t I = 0, E = pg_rules_kind_count(Rules); I < E; ++I) {
    const pg_kind *K = pg_rules_kind_at(Rules, I);
    if (Spelled == K->type && releaseAccepts(F->release, K))
      return K;
  }
  return nullptr;
}

ProgramStateRef LifecycleEngine::applyRelease(ProgramStateRef State,
                                              const pg_function *F,
                                              const CallEvent &Call,
                                              PendingNotes &Notes) const {
  SymbolRef Sym = argSymbol(Call, F->release->arg);
  const Handle *H = Sym ? State->get<HandleMap>(Sym) : nullptr;
  if (!H && Sym)
    if (const pg_kind *K = unownedReleaseKind(Rules->raw(), F, Call)) {
      Handle Unowned = Handle::owned(K, F, nullptr, PG_FAIL_NEVER);
      Unowned.BodyOnly = true;
      Notes.add(Sym, std::string(K->description) + " released by " +
                         calleeName(Call) + "()");
      return setHandle(State, Sym, Unowned.with(HandleStatus::Released));
    }
  if (!H || H->Status == HandleStatus::Released ||
      !releaseAccepts(F->release, H->Kind))
    return State;
  // A reference the path added (g_object_ref) goes first.
  if (H->ExtraRefs > 0)
    return setHandle(State, Sym, H->droppingRef());
  Notes.add(Sym, std::string(H->Kind->description) + " released by " +
                     calleeName(Call) + "()");
  State = setHandle(State, Sym, H->settled().with(HandleStatus::Released));
  return giveBack(State, [Sym](const Handle &O) { return O.Owner == Sym; });
}

ProgramStateRef LifecycleEngine::applyTransfer(ProgramStateRef State,
                                               const pg_function *F,
                                               const CallEvent &Call) const {
  SymbolRef Sym = argSymbol(Call, F->transfer->arg);
  const Handle *H = Sym ? State->get<HandleMap>(Sym) : nullptr;
  if (!H || H->Status != HandleStatus::Owned)
    return State;
  // It takes one reference; the caller keeps the one it added.
  if (H->ExtraRefs > 0 && !F->transfer->on_success_only)
    return setHandle(State, Sym, H->droppingRef());
  Handle Moved = H->settled().with(HandleStatus::Escaped);
  Moved.Owner = argSymbol(Call, F->transfer->to_arg);
  // Taken for good: not into a handle that gives it back, not only if the
  // call succeeds.
  if (!Moved.Owner && !F->transfer->on_success_only)
    Moved.TakenBy = F;
  if (F->transfer->on_success_only) {
    // Escaped only if the call succeeds: curl_slist_append() keeps the old
    // list on failure, and the caller still owns it.
    SymbolRef Ret = Call.getReturnValue().getAsSymbol();
    if (Ret) {
      Moved.FailSym = Ret;
      Moved.FailMode = F->transfer->fails;
      Moved.PendingTransfer = true;
    }
  }
  return setHandle(State, Sym, Moved);
}

// open-body, read, read-to-end and close move a body along; the lifecycle
// roles (release, transfer, acquire) are applied after them.
ProgramStateRef LifecycleEngine::applyBodyRoles(ProgramStateRef State,
                                                const pg_function *F,
                                                const CallEvent &Call,
                                                PendingNotes &Notes,
                                                CheckerContext &C) const {
  auto bodyAt = [&](int Arg) -> std::pair<SymbolRef, const Handle *> {
    SymbolRef Sym = argSymbol(Call, Arg);
    const Handle *H = Sym ? State->get<HandleMap>(Sym) : nullptr;
    return {Sym, H && H->Kind->role == PG_ROLE_BODY ? H : nullptr};
  };
  if (F->open_body) {
    auto [Sym, H] = bodyAt(F->open_body->arg);
    // A request this path did not create (a parameter) is not ours to
    // release, but the body this call opens is ours to finish.
    std::optional<Handle> Given;
    if (!H && Sym && !State->get<HandleMap>(Sym))
      if (const pg_kind *K = Rules->bodyKindForType(
              Call.getArgExpr(F->open_body->arg)->getType()))
        H = &Given.emplace(Handle::owned(K, F, nullptr, PG_FAIL_NEVER));
    if (Given)
      Given->BodyOnly = true;
    if (H) {
      State = setHandle(State, Sym, afterOpenBody(*H, F->open_body, Call));
      // Only a PartialRead is about the body; a leak of the request is not
      // (and where the open failed, there was no body).
      Notes.add(Sym, "response body opened by " + calleeName(Call) + "()",
                CK_PartialRead);
    }
  }
  if (F->read) {
    auto [Sym, H] = bodyAt(F->read->arg);
    if (H && H->Body == BodyState::Open) {
      auto [Next, Read] = afterRead(State, *H, F->read, Call, C);
      State = setHandle(Next, Sym, Read);
      if (Read.Read.Ret)
        Notes.add(Read.Read.Ret, "Assuming " + calleeName(Call) +
                                     "() did not reach the end of the body");
    }
  }
  if (F->read_to_end) {
    auto [Sym, H] = bodyAt(F->read_to_end->arg);
    if (H) {
      Handle Next = H->withBody(BodyState::AtEnd);
      if (readToEndFlagSet(F->read_to_end, Call)) {
        if (F->read_to_end->then == PG_THEN_CLOSE)
          Next = Next.withBody(BodyState::None);
        else if (F->read_to_end->then == PG_THEN_RELEASE)
          Next = Next.settled().with(HandleStatus::Released);
      }
      State = setHandle(State, Sym, Next);
    }
  }
  if (F->close) {
    auto [Sym, H] = bodyAt(F->close->arg);
    if (H)
      State = setHandle(State, Sym, H->withBody(BodyState::None));
  }
  return State;
}

static bool argIsCallTo(const CallEvent &Call, int Arg, const char *Callee) {
  if (Arg < 0 || static_cast<unsigned>(Arg) >= Call.getNumArgs())
    return false;
  const auto *CE = dyn_cast_or_null<CallExpr>(
      Call.getArgExpr(Arg)->IgnoreParenCasts());
  const FunctionDecl *FD = CE ? CE->getDirectCallee() : nullptr;
  return FD && FD->getIdentifier() && FD->getName() == Callee;
}

// The handle an acquisition hands out, and the symbol that tells failure.
static std::pair<SymbolRef, SymbolRef>
acquiredSymbols(ProgramStateRef State, const pg_acquire &A,
                const CallEvent &Call) {
  SymbolRef Ret = Call.getReturnValue().getAsSymbol();
  if (A.out_arg == PG_NO_ARG) {
    SymbolRef Sym = handleSymbol(Call.getReturnValue());
    return {Sym, Sym};
  }
  if (static_cast<unsigned>(A.out_arg) >= Call.getNumArgs())
    return {nullptr, nullptr};
  const MemRegion *Out = Call.getArgSVal(A.out_arg).getAsRegion();
  QualType PtrTy = Call.getArgExpr(A.out_arg)->getType();
  if (!Out || !PtrTy->isPointerType())
    return {nullptr, nullptr};
  SVal Stored = State->getSVal(Out, PtrTy->getPointeeType());
  return {handleSymbol(Stored), Ret};
}

// Whether anything can read bodies of kind K: a read of its own library
// (ne_read_response_block), or one declared here that takes K's type
// (g_input_stream_read for libsoup's GInputStream). A body of a wrapper
// whose rules model no read (a plain buffer) cannot be left partly read.
static bool kindIsRead(const pg_rules *Rules, const pg_kind *K,
                       ASTContext &Ctx) {
  for (size_t I = 0, E = pg_rules_function_count(Rules); I < E; ++I) {
    const pg_function *Fn = pg_rules_function_at(Rules, I);
    int Arg = Fn->read ? Fn->read->arg
                       : Fn->read_to_end ? Fn->read_to_end->arg : PG_NO_ARG;
    if (Arg == PG_NO_ARG)
      continue;
    if (!strcmp(Fn->library, K->library))
      return true;
    for (const NamedDecl *ND :
         Ctx.getTranslationUnitDecl()->lookup(&Ctx.Idents.get(Fn->name)))
      if (const auto *FD = dyn_cast<FunctionDecl>(ND))
        if (static_cast<unsigned>(Arg) < FD->getNumParams() &&
            FD->getParamDecl(Arg)->getType().getUnqualifiedType().getAsString() ==
                K->type)
          return true;
  }
  return false;
}

// The handle of a role among a call's arguments, followed or not (a
// parameter): one of a kind of that role, or of such a kind's type. The
// request (soup_session_send(session, msg): msg), the client
// (ne_request_create(sess, ...): sess).
static SymbolRef argOfRole(ProgramStateRef State, const CallEvent &Call,
                           const pg_rules *Rules, pg_role Role) {
  for (unsigned I = 0, E = Call.getNumArgs(); I < E; ++I) {
    SymbolRef Sym = argSymbol(Call, I);
    if (!Sym)
      continue;
    if (const Handle *H = State->get<HandleMap>(Sym)) {
      if (H->Kind->role == Role)
        return Sym;
      continue;
    }
    std::string Spelled = Call.getArgExpr(I)
                              ->IgnoreParenImpCasts()
                              ->getType()
                              .getUnqualifiedType()
                              .getAsString();
    for (size_t K = 0, N = pg_rules_kind_count(Rules); K < N; ++K) {
      const pg_kind *Kind = pg_rules_kind_at(Rules, K);
      if (Kind->role == Role && Spelled == Kind->type)
        return Sym;
    }
  }
  return nullptr;
}

// ne_close_connection(sess): what bodies opened on the session's requests
// still held goes with the socket; none of them can hold up the next
// request any more.
static ProgramStateRef dropConnection(ProgramStateRef State,
                                      const pg_function *F,
                                      const CallEvent &Call) {
  SymbolRef Client = argSymbol(Call, F->drops_connection_arg);
  if (!Client)
    return State;
  for (const auto &Entry : State->get<HandleMap>())
    if (Entry.second.Client == Client &&
        Entry.second.Body == BodyState::Open)
      State = setHandle(State, Entry.first,
                        Entry.second.withBody(BodyState::None));
  return State;
}

static bool passesPointerAddress(const CallEvent &Call);
static ProgramStateRef escapeNewMemory(ProgramStateRef State, SymbolRef Mem);

// curl_easy_getinfo(h, CURLINFO_PRIVATE, &back): a call on a handle that
// writes a pointer for the program may hand back memory the handle keeps;
// from then on the program reaches it (and the handles in it) that way.
static ProgramStateRef handBackKeptMemory(ProgramStateRef State,
                                          const CallEvent &Call) {
  if (!passesPointerAddress(Call))
    return State;
  for (unsigned I = 0, E = Call.getNumArgs(); I < E; ++I)
    if (SymbolRef K = argSymbol(Call, I))
      for (SymbolRef Kept : keptBy(State, K))
        if (isNewMemory(State, Kept))
          State = escapeNewMemory(State, Kept);
  return State;
}

// g_object_ref(in): one more release before the handle is gone.
static ProgramStateRef addReference(ProgramStateRef State, const pg_function *F,
                                    const CallEvent &Call) {
  SymbolRef Sym = argSymbol(Call, F->adds_reference_arg);
  const Handle *H = Sym ? State->get<HandleMap>(Sym) : nullptr;
  if (!H || H->Status == HandleStatus::Released || H->ExtraRefs == 255)
    return State;
  Handle More = *H;
  ++More.ExtraRefs;
  return setHandle(State, Sym, More);
}

ProgramStateRef LifecycleEngine::applyAcquire(ProgramStateRef State,
                                              const pg_function *F,
                                              const CallEvent &Call,
                                              PendingNotes &Notes) const {
  for (size_t I = 0; I < F->nacquire; ++I) {
    const pg_acquire &A = F->acquire[I];
    if (A.if_arg != PG_NO_ARG && !argIsCallTo(Call, A.if_arg, A.if_arg_call))
      continue;
    auto [Sym, FailSym] = acquiredSymbols(State, A, Call);
    if (!Sym)
      return State;
    pg_fail Mode = FailSym ? A.fails : PG_FAIL_NEVER;
    if (Mode == PG_FAIL_NEVER)
      FailSym = nullptr;
    Notes.add(Sym, std::string(A.kind->description) + " acquired by " +
                       calleeName(Call) + "()");
    Handle H = Handle::owned(A.kind, F, FailSym, Mode);
    H.Peer = argOfRole(State, Call, Rules->raw(), PG_ROLE_REQUEST);
    H.Client = argOfRole(State, Call, Rules->raw(), PG_ROLE_CLIENT);
    // Filled in through `&v` where v has a releasing cleanup attribute:
    // held by the cleanup, as if assigned.
    if (A.out_arg != PG_NO_ARG)
      if (const auto *VR = dyn_cast_or_null<VarRegion>(
              Call.getArgSVal(A.out_arg).getAsRegion()))
        if (cleanupReleases(VR->getDecl(), A.kind, *Rules))
          H = H.heldBy(VR);
    if (A.kind->role == PG_ROLE_BODY && !A.kind->opened_by_call &&
        kindIsRead(Rules->raw(), A.kind,
                   State->getStateManager().getContext()))
      H = H.withBody(BodyState::Open);
    return setHandle(State, Sym, H);
  }
  return State;
}

// CSA invalidates everything a call can reach through its pointer
// arguments: curl_multi_perform(a.multi, &a.running) overwrites a.multi with
// an unknown value. A modeled library never writes the caller's handle
// fields, so put back every handle whose holder changed during the call.
// (A store by the program itself clears the holder in checkBind first.)
// Whether R is memory of the current function or one of its callers (not
// a local of a function that has returned).
static bool inLiveFrame(const MemRegion *R, const StackFrameContext *Current) {
  const auto *VR = dyn_cast<VarRegion>(R->getBaseRegion());
  const StackFrameContext *Frame = VR ? VR->getStackFrame() : nullptr;
  return !Frame || Frame == Current || Frame->isParentOf(Current);
}

static ProgramStateRef restoreHolders(ProgramStateRef State,
                                      CheckerContext &C) {
  // A global pointer to memory the path allocated (`app` of
  // `app->session`): the analyzer invalidates globals at every call to a
  // library whose headers are not system headers (-I/usr/include/glib-2.0),
  // but the modeled library never writes the program's variables.
  for (const auto &Entry : State->get<MemoryPointers>()) {
    const MemRegion *V = Entry.first;
    const auto *MemR = cast<SymbolicRegion>(Entry.second);
    SymbolRef Mem = MemR->getSymbol();
    if (!inLiveFrame(V, C.getStackFrame()) ||
        handleSymbol(State->getSVal(V)) == Mem)
      continue;
    State = State->bindLoc(loc::MemRegionVal(V), loc::MemRegionVal(MemR),
                           C.getLocationContext());
  }
  for (const auto &Entry : State->get<HolderMap>()) {
    const MemRegion *R = Entry.first;
    SymbolRef Sym = Entry.second;
    // Only a pointer-typed holder at a known offset: a store at a symbolic
    // offset (hs[i]) would clobber its neighbours.
    const auto *TR = dyn_cast<TypedValueRegion>(R);
    if (!TR || !TR->getValueType()->isPointerType() ||
        R->getAsOffset().hasSymbolicOffset() ||
        !Loc::isLocType(Sym->getType()) || !State->get<HandleMap>(Sym) ||
        !inLiveFrame(R, C.getStackFrame()) ||
        handleSymbol(State->getSVal(R)) == Sym)
      continue;
    State = State->bindLoc(loc::MemRegionVal(R), C.getSValBuilder().makeLoc(Sym),
                           C.getLocationContext());
  }
  return State;
}

// free(c): a handle that only memory c points to held is lost here, unless
// the program still names it some other way. A handle passed itself is
// freed as plain memory, which its rules do not allow for: it escapes, as
// through any unknown call.
static ProgramStateRef applyFreeMemory(ProgramStateRef State,
                                       const pg_function *F,
                                       const CallEvent &Call) {
  SymbolRef Mem = argSymbol(Call, F->frees_memory_arg);
  if (!Mem)
    return State;
  if (const Handle *H = State->get<HandleMap>(Mem)) {
    if (H->Status == HandleStatus::Owned)
      State = setHandle(State, Mem, H->settled().with(HandleStatus::Escaped));
    return State;
  }
  const Stmt *Site = Call.getOriginExpr();
  for (const auto &Entry : State->get<HandleMap>()) {
    if (Entry.second.Status != HandleStatus::Owned || !Site)
      continue;
    auto Holders = holdersOf(State, Entry.first);
    if (Holders.empty() ||
        !llvm::all_of(Holders, [Mem](const MemRegion *R) {
          return liesIn(R, Mem);
        }))
      continue;
    Handle H = Entry.second;
    H.LostAt = Site;
    H.HolderFreed = true;
    State = setHandle(State, Entry.first, H);
  }
  return forgetNewMemory(State, Mem);
}

// An option whose value is a handle (`CURLOPT_HTTPHEADER, list`): the
// configured handle keeps using it.
static size_t kindCount(const pg_kind *const *Kinds) {
  size_t N = 0;
  while (Kinds[N])
    ++N;
  return N;
}

// Only kinds the rules say the setter keeps (`keeps`): libcurl copies
// strings. A value set through the same option replaces it (NULL unsets
// it); a reset (curl_easy_reset) drops them all.
static ProgramStateRef noteKeptValue(ProgramStateRef State,
                                     const pg_function *F,
                                     const CallEvent &Call) {
  if (F->reset_arg != PG_NO_ARG)
    if (SymbolRef Reset = argSymbol(Call, F->reset_arg))
      State = forgetKeptBy(State, Reset);
  const pg_configure *Cfg = F->configure;
  if (!Cfg || Cfg->arg == PG_NO_ARG || Cfg->style == PG_STYLE_PROPERTIES)
    return State;
  // The keeper may be the caller's handle: a list freed while set on it is
  // still used by its next request.
  SymbolRef Keeper = argSymbol(Call, Cfg->arg);
  if (!Keeper)
    return State;
  std::optional<int64_t> Option;
  if (Cfg->style == PG_STYLE_OPTION && Cfg->option_arg >= 0 &&
      static_cast<unsigned>(Cfg->option_arg) < Call.getNumArgs())
    if (auto CI =
            Call.getArgSVal(Cfg->option_arg).getAs<nonloc::ConcreteInt>()) {
      const llvm::APSInt &V = CI->getValue();
      Option = V.getExtValue();
    }
  if (Option)
    State = forgetKeptBy(State, Keeper, Option);
  SymbolRef Value = argSymbol(Call, Cfg->value_arg);
  const Handle *V = Value ? State->get<HandleMap>(Value) : nullptr;
  if (!V || Keeper == Value || V->Status != HandleStatus::Owned ||
      !Cfg->keeps || !llvm::is_contained(
                         llvm::ArrayRef<const pg_kind *>(
                             Cfg->keeps, kindCount(Cfg->keeps)),
                         V->Kind))
    return State;
  return keep(State, Value, Keeper, Option);
}

// The call is a statement of its own, or cast to void: its value is lost.
static bool resultUnused(const CallEvent &Call, CheckerContext &C) {
  const Expr *E = Call.getOriginExpr();
  if (!E)
    return false;
  const ParentMap &PM = C.getLocationContext()->getParentMap();
  const Stmt *P = PM.getParentIgnoreParenCasts(E);
  if (const auto *CE = dyn_cast_or_null<CStyleCastExpr>(PM.getParent(E)))
    return CE->getType()->isVoidType();
  return !P || isa<CompoundStmt>(P) ||
         (!isa<Expr>(P) && !isa<ReturnStmt, DeclStmt>(P));
}

void LifecycleEngine::checkPostCall(const CallEvent &Call,
                                    CheckerContext &C) const {
  const pg_function *F = rolesOf(Call);
  if (!F)
    return;
  ProgramStateRef State = restoreHolders(C.getState(), C);
  PendingNotes Notes;
  State = applyBodyRoles(State, F, Call, Notes, C);
  if (F->release)
    State = applyRelease(State, F, Call, Notes);
  // `curl_slist_append(list, "X: 1");` with the result unused: the list
  // grows in place (the head of a non-empty list does not change), so it
  // stays the caller's and nothing new is handed out.
  if (F->transfer && F->nacquire && F->transfer->on_success_only &&
      resultUnused(Call, C) &&
      State->get<HandleMap>(argSymbol(Call, F->transfer->arg))) {
    C.addTransition(State, Notes.tag(*this, C));
    return;
  }
  if (F->transfer)
    State = applyTransfer(State, F, Call);
  if (F->reclaim_arg != PG_NO_ARG)
    State = applyReclaim(State, F, Call);
  if (F->exposes_owned_arg != PG_NO_ARG)
    State = applyExposesOwned(State, F, Call);
  State = noteStatusCall(State, F, Call);
  State = noteNewMemory(State, F, Call);
  if (F->drops_connection_arg != PG_NO_ARG)
    State = dropConnection(State, F, Call);
  if (F->adds_reference_arg != PG_NO_ARG)
    State = addReference(State, F, Call);
  State = handBackKeptMemory(State, Call);
  State = noteKeptValue(State, F, Call);
  if (F->frees_memory_arg != PG_NO_ARG)
    State = applyFreeMemory(State, F, Call);
  if (F->nacquire)
    State = noteRequestMethod(applyAcquire(State, F, Call, Notes), F, Call);
  C.addTransition(State, Notes.tag(*this, C));
}

// `struct conn c = {curl_easy_init(), 0};` binds the whole struct at once:
// record which field holds each handle.
static ProgramStateRef noteFieldHolders(ProgramStateRef State,
                                        const MemRegion *R, SVal Val,
                                        CheckerContext &C) {
  auto CV = Val.getAs<nonloc::CompoundVal>();
  const auto *SR = dyn_cast<TypedValueRegion>(R);
  const RecordDecl *RD =
      SR ? SR->getValueType()->getAsRecordDecl() : nullptr;
  if (!CV || !RD || RD->isUnion())
    return State;
  auto Value = CV->begin();
  for (const FieldDecl *FD : RD->fields()) {
    if (Value == CV->end())
      break;
    SymbolRef Sym = handleSymbol(*Value);
    ++Value;
    if (const Handle *H = Sym ? State->get<HandleMap>(Sym) : nullptr) {
      const FieldRegion *Field =
          C.getStoreManager().getRegionManager().getFieldRegion(FD, SR);
      State = setHandle(State, Sym, H->storedIn(Field));
      State = State->set<HolderMap>(Field, Sym);
    }
  }
  return State;
}

// Stores name handles (the holder a message and a fix-it use), and a handle
// stored in a variable with a releasing cleanup attribute is released when
// the variable goes out of scope; storing over it, or g_steal_pointer(),
// takes it out again.
void LifecycleEngine::checkBind(SVal Loc, SVal Val,
                                const Stmt *S PG_BIND_EXTRA_PARAM,
                                CheckerContext &C) const {
  if (!Rules)
    return;
  const MemRegion *R = Loc.getAsRegion();
  if (!R)
    return;
  ProgramStateRef State = C.getState();
  ProgramStateRef Orig = State;
  // The program stores over a holder (or the struct around it): the handle
  // it held is no longer there.
  SymbolRef New = handleSymbol(Val);
  for (const auto &Entry : State->get<HandleMap>())
    if (Entry.second.Holder == R) {
      Handle H = Entry.second.storedIn(nullptr);
      if (H.Status == HandleStatus::Owned && Entry.first != New &&
          isa<VarRegion>(R) && holdersOf(State, Entry.first).size() <= 1)
      {
        H.LostAt = S;
        H.HolderFreed = false;
      }
      State = setHandle(State, Entry.first, H);
    }
  for (const auto &Entry : State->get<HolderMap>())
    if (Entry.first == R || Entry.first->isSubRegionOf(R))
      State = State->remove<HolderMap>(Entry.first);
  State = State->remove<MemoryPointers>(R);
  if (isa<VarRegion>(R) && isNewMemory(State, New))
    if (const auto *MemR = dyn_cast_or_null<SymbolicRegion>(
            Val.getAsRegion() ? Val.getAsRegion()->StripCasts() : nullptr))
      State = State->set<MemoryPointers>(R, MemR);
  const Handle *NewH = New ? State->get<HandleMap>(New) : nullptr;
  if (NewH) {
    State = setHandle(State, New, NewH->storedIn(R));
    State = State->set<HolderMap>(R, New);
  }
  // Stored at an index the analyzer does not know (trans[i].easy): a later
  // store through the same array may hide it, so it is no longer followed.
  if (NewH && NewH->Status == HandleStatus::Owned &&
      R->getAsOffset().hasSymbolicOffset())
    State = setHandle(State, New,
                      NewH->storedIn(R).settled().with(HandleStatus::Escaped));
  State = noteFieldHolders(State, R, Val, C);

  // g_steal_pointer() stores NULL through a (gpointer *) view of the
  // variable: look through that cast.
  const auto *VR = dyn_cast<VarRegion>(R->StripCasts());
  if (VR && VR->getDecl()->hasAttr<CleanupAttr>()) {
    if (SymbolRef Old = handleSymbol(State->getSVal(VR)))
      if (const Handle *H = State->get<HandleMap>(Old))
        if (H->CleanupVar == VR)
          State = setHandle(State, Old, H->heldBy(nullptr));
    if (NewH && cleanupReleases(VR->getDecl(), NewH->Kind, *Rules)) {
      Handle Held = *State->get<HandleMap>(New);
      if (Held.ExtraRefs > 0 && Held.CleanupVar && Held.CleanupVar != VR)
        Held.OuterCleanupVar = Held.CleanupVar;
      State = setHandle(State, New, Held.heldBy(VR));
    }
  }
  if (State != Orig)
    C.addTransition(State);
}

// What an open body's last read returned must outlive the variable it was
// stored in: the path's constraints on it decide, at the release, whether
// the body was at its end.
void LifecycleEngine::checkLiveSymbols(ProgramStateRef State,
                                       SymbolReaper &SR) const {
  Callbacks.keepParamsAlive(State, SR);
  keepStatusesAlive(State, SR);
  // A handle its function-wide cleanup variable holds is released when the
  // function returns, not after its last use: it lives until then, so that
  // what happens at the release is reported at the return the path takes.
  const LocationContext *Now = SR.getLocationContext();
  for (const auto &Entry : State->get<HandleMap>()) {
    const auto *VR = dyn_cast_or_null<VarRegion>(Entry.second.CleanupVar);
    const StackFrameContext *Frame = VR ? VR->getStackFrame() : nullptr;
    if (Frame && Now && (Frame == Now || Frame->isParentOf(Now)) &&
        !innerScopeOf(VR->getDecl()))
      SR.markLive(Entry.first);
  }
  for (const auto &Entry : State->get<HandleMap>()) {
    const LastRead &R = Entry.second.Read;
    if (Entry.second.Body != BodyState::Open)
      continue;
    for (SymbolRef S :
         {R.Ret, R.Count, R.ErrOut, R.OpenRet, R.Asked.getAsSymbol()})
      if (S)
        SR.markLive(S);
  }
}

// A handle another handle keeps (CURLOPT_HTTPHEADER's list), or one stored
// in memory a handle keeps (CURLOPT_PRIVATE), can still be reached through
// the keeper: the program has the keeper (the handle comes back, and is
// lost, when the keeper is released: freeing the list before then would
// break the next request), or the library has it (added to a multi: no
// longer ours). Not when the program freed the memory, or released or lost
// the keeper too.
enum class Keeping { None, ByProgram, ByLibrary };

// Whether the dead handle Owner is being lost by the program in this sweep
// (reported as a leak, so what it holds is lost too).
static bool leaksNow(ProgramStateRef State, SymbolRef Owner) {
  const Handle *O = State->get<HandleMap>(Owner);
  return O && O->Status == HandleStatus::Owned && !O->CleanupVar &&
         !O->BodyOnly;
}

static Keeping keeping(ProgramStateRef State, SymbolRef Sym, const Handle &H,
                       SymbolReaper &SR, SymbolRef &Keeper) {
  Keeper = keeperOf(State, Sym);
  // Set on a handle the path did not acquire (the caller's): unreachable
  // for the caller, so lost here.
  if (Keeper && !State->get<HandleMap>(Keeper))
    return Keeping::None;
  if (!Keeper && !H.HolderFreed)
    Keeper = keeperOfMemory(State, H.Holder);
  const Handle *K = Keeper ? State->get<HandleMap>(Keeper) : nullptr;
  if (!K)
    return Keeper ? Keeping::ByLibrary : Keeping::None;
  if (K->Status == HandleStatus::Released)
    return Keeping::None;
  if (K->Status != HandleStatus::Owned)
    return Keeping::ByLibrary;
  return SR.isDead(Keeper) ? Keeping::None : Keeping::ByProgram;
}

void LifecycleEngine::checkDeadSymbols(SymbolReaper &SR,
                                       CheckerContext &C) const {
  ProgramStateRef State = forgetDeadStatuses(C.getState(), SR);
  // Memory the program no longer points to but a handle it still has keeps
  // (CURLOPT_PRIVATE): the program gets it back through that handle
  // (CURLINFO_PRIVATE), so what it holds is no longer followed.
  // (Not a keeper that lies in the memory itself: `c->easy` is reached
  // only through `c`.)
  for (const auto &[Mem, Keeper] : keptMemory(State)) {
    const Handle *K = State->get<HandleMap>(Keeper);
    if (SR.isDead(Mem) && !SR.isDead(Keeper) && K &&
        K->Status != HandleStatus::Released &&
        !(K->Holder && liesIn(K->Holder, Mem)))
      State = escapeNewMemory(State, Mem);
  }
  State = forgetDeadKept(forgetDeadNewMemory(State, SR), SR);
  llvm::SmallVector<std::pair<SymbolRef, Handle>, 2> Leaks;
  llvm::SmallVector<std::pair<SymbolRef, Handle>, 1> EarlyCleanups;
  llvm::SmallVector<std::pair<SymbolRef, Handle>, 1> DoubleCleanups;
  for (const auto &Entry : State->get<HandleMap>()) {
    SymbolRef Sym = Entry.first;
    const Handle &H = Entry.second;
    if (H.FailSym && SR.isDead(H.FailSym) && !SR.isDead(Sym)) {
      State = setHandle(State, Sym, H.settled());
      continue;
    }
    if (!SR.isDead(Sym))
      continue;
    // A transfer that may still fail keeps the old handle known until the
    // path decides: the caller owns it again if it did.
    if (H.PendingTransfer && H.FailSym && !SR.isDead(H.FailSym))
      continue;
    // Unreachable from the program but held by a live owner: it comes back
    // (and is then lost) when the owner is released, or leaks with it.
    if (H.Owner && H.Status == HandleStatus::Escaped) {
      if (!SR.isDead(H.Owner))
        continue;
      if (leaksNow(C.getState(), H.Owner)) {
        State = State->remove<HandleMap>(Sym);
        Leaks.emplace_back(Sym, H.ownedBy(nullptr).with(HandleStatus::Owned));
        continue;
      }
    }
    SymbolRef Keeper = nullptr;
    Keeping By = H.Status == HandleStatus::Owned
                     ? keeping(C.getState(), Sym, H, SR, Keeper)
                     : Keeping::None;
    if (By == Keeping::ByProgram) {
      State = setHandle(State, Sym,
                        H.ownedBy(Keeper).with(HandleStatus::Escaped));
      continue;
    }
    // The cleanup attribute releases it here; with an unread body, that is
    // an early close.
    if (H.Status == HandleStatus::Owned && H.CleanupVar && H.ExtraRefs == 0 &&
        mayHoldUnreadData(State, Sym, H, C))
      EarlyCleanups.emplace_back(Sym, H);
    // Released by hand while its cleanup variable still holds it: the
    // cleanup releases it again at scope exit.
    if (H.Status == HandleStatus::Released && H.CleanupVar)
      DoubleCleanups.emplace_back(Sym, H);
    // Released, but still set on a live handle: its next request uses it.
    if (H.Status == HandleStatus::Released) {
      SymbolRef K = keeperOf(State, Sym);
      if (K && !SR.isDead(K))
        continue;
    }
    State = State->remove<HandleMap>(Sym);
    if (H.Status == HandleStatus::Owned && !H.CleanupVar && !H.BodyOnly &&
        By == Keeping::None)
      Leaks.emplace_back(Sym, H);
  }
  // What a leaked handle held is the caller's again, and lost when it dies.
  for (const auto &L : Leaks)
    State = giveBack(State, [&L](const Handle &H) { return H.Owner == L.first; });
  for (const auto &Entry : State->get<HolderMap>())
    if (!State->get<HandleMap>(Entry.second) ||
        !inLiveFrame(Entry.first, C.getStackFrame()))
      State = State->remove<HolderMap>(Entry.first);
  for (const auto &Entry : State->get<MemoryPointers>())
    if (SR.isDead(cast<SymbolicRegion>(Entry.second)->getSymbol()) ||
        !inLiveFrame(Entry.first, C.getStackFrame()))
      State = State->remove<MemoryPointers>(Entry.first);
  if (!Reports.Enabled[CK_HandleLeak])
    Leaks.clear();
  if (!Reports.Enabled[CK_PartialRead])
    EarlyCleanups.clear();
  if (!Reports.Enabled[CK_UseAfterRelease])
    DoubleCleanups.clear();
  if (Leaks.empty() && EarlyCleanups.empty() && DoubleCleanups.empty()) {
    C.addTransition(State);
    return;
  }
  ExplodedNode *N = C.generateNonFatalErrorNode(State);
  if (!N)
    return;
  for (auto &R : makeLeakReports(Reports.bugType(CK_HandleLeak), Leaks,
                                 *Rules, N, C))
    C.emitReport(std::move(R));
  for (const auto &E : EarlyCleanups)
    C.emitReport(makePartialReadReport(Reports.bugType(CK_PartialRead),
                                       E.second, E.first, nullptr, nullptr,
                                       *Rules, N, C));
  for (const auto &D : DoubleCleanups)
    C.emitReport(makeUseAfterReleaseReport(Reports.bugType(CK_UseAfterRelease),
                                           D.second, D.first, true, nullptr,
                                           N));
}

// A function returns: its function-wide cleanup variables release what
// they hold (checkLiveSymbols kept it alive until here). What the caller
// still holds is released from now on.
void LifecycleEngine::checkEndFunction(const ReturnStmt *RS,
                                       CheckerContext &C) const {
  (void)RS;
  ProgramStateRef State = C.getState();
  PendingNotes Notes;
  llvm::SmallVector<std::pair<SymbolRef, Handle>, 1> EarlyCleanups;
  llvm::SmallVector<std::pair<SymbolRef, Handle>, 1> DoubleCleanups;
  for (const auto &Entry : State->get<HandleMap>()) {
    const Handle &H = Entry.second;
    const auto *VR = dyn_cast_or_null<VarRegion>(H.CleanupVar);
    if (!VR || VR->getStackFrame() != C.getStackFrame())
      continue;
    // A reference the path added (g_autoptr(T) in = g_object_ref(x)) is
    // the one the cleanup drops: the object lives on.
    if (H.ExtraRefs > 0) {
      Handle Fewer = H.droppingRef().heldBy(H.OuterCleanupVar);
      Fewer.OuterCleanupVar = nullptr;
      State = setHandle(State, Entry.first, Fewer);
      continue;
    }
    if (H.Status == HandleStatus::Owned &&
        mayHoldUnreadData(State, Entry.first, H, C))
      EarlyCleanups.emplace_back(Entry.first, H);
    if (H.Status == HandleStatus::Released)
      DoubleCleanups.emplace_back(Entry.first, H);
    Handle Done = H.heldBy(nullptr);
    if (Done.Status == HandleStatus::Owned) {
      Done = Done.settled().with(HandleStatus::Released);
      Notes.add(Entry.first,
                std::string(H.Kind->description) +
                    " released by the cleanup attribute of '" +
                    VR->getDecl()->getName().str() + "' when the function returns",
                CK_UseAfterRelease);
    }
    State = setHandle(State, Entry.first, Done);
  }
  if (!Reports.Enabled[CK_PartialRead])
    EarlyCleanups.clear();
  if (!Reports.Enabled[CK_UseAfterRelease])
    DoubleCleanups.clear();
  if (EarlyCleanups.empty() && DoubleCleanups.empty()) {
    C.addTransition(State, Notes.tag(*this, C));
    return;
  }
  ExplodedNode *N = C.generateNonFatalErrorNode(State, Notes.tag(*this, C));
  if (!N)
    return;
  for (const auto &E : EarlyCleanups)
    C.emitReport(makePartialReadReport(Reports.bugType(CK_PartialRead),
                                       E.second, E.first, nullptr, nullptr,
                                       *Rules, N, C));
  for (const auto &D : DoubleCleanups)
    C.emitReport(makeUseAfterReleaseReport(Reports.bugType(CK_UseAfterRelease),
                                           D.second, D.first, true, nullptr,
                                           N));
}

// Whether F's rule gives argument I a role.
static bool ruleNamesArg(const pg_function *F, int I) {
  auto Is = [I](int Arg) { return Arg == I; };
  if (Is(F->frees_memory_arg) || Is(F->adds_reference_arg) ||
      (F->release && Is(F->release->arg)) || (F->close && Is(F->close->arg)) ||
      (F->borrow_mask & (1u << I)) || (F->transfer && Is(F->transfer->arg)) ||
      (F->open_body && Is(F->open_body->arg)) || (F->read && Is(F->read->arg)) ||
      (F->read_to_end && Is(F->read_to_end->arg)) ||
      (F->configure && Is(F->configure->arg)) || Is(F->request_arg) ||
      Is(F->reset_arg) || Is(F->reclaim_arg) ||
      (F->joins_pool &&
       (Is(F->joins_pool->arg) || Is(F->joins_pool->pool_arg))))
    return true;
  for (size_t A = 0; A < F->nacquire; ++A)
    if (Is(F->acquire[A].out_arg))
      return true;
  return false;
}

// An argument the library keeps for a callback (`gpointer user_data`,
// `void *userdata`): a handle passed there is the callback's to release.
// Untyped as declared, and without a role in the rules (g_object_unref()
// takes a gpointer too, but releases it).
static bool isUserData(const CallEvent &Call, const pg_function *F,
                       unsigned I) {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  if (!FD || I >= FD->getNumParams() || F->borrow_all ||
      ruleNamesArg(F, static_cast<int>(I)))
    return false;
  const Type *T = FD->getParamDecl(I)->getType().getTypePtr();
  if (const auto *PT = dyn_cast<PointerType>(T))
    return isa<BuiltinType>(PT->getPointeeType().getTypePtr());
  return T->getAs<TypedefType>() && T->isVoidPointerType(); // gpointer
}

// Memory the function allocated, passed where the library may keep any
// pointer: the value of a variadic option (`CURLOPT_PRIVATE, x`) or an
// untyped parameter no rule names. The library (and whoever gets the
// handle it was given to) may reach it, and the handles it holds, later.
// A call that borrows everything (memset, printf) only looks.
static bool keepsMemory(const CallEvent &Call, const pg_function *F,
                        unsigned I) {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  if (!FD || F->borrow_all || ruleNamesArg(F, static_cast<int>(I)))
    return false;
  if (I >= FD->getNumParams())
    return FD->isVariadic();
  return FD->getParamDecl(I)->getType()->isVoidPointerType();
}

static bool passesPointerAddress(const CallEvent &Call) {
  for (unsigned I = 0, E = Call.getNumArgs(); I < E; ++I) {
    const Expr *Arg = Call.getArgExpr(I);
    const auto *UO =
        Arg ? dyn_cast<UnaryOperator>(Arg->IgnoreParenCasts()) : nullptr;
    if (UO && UO->getOpcode() == UO_AddrOf &&
        UO->getSubExpr()->getType()->isPointerType())
      return true;
  }
  return false;
}

static ProgramStateRef escape(ProgramStateRef State, SymbolRef Sym) {
  const Handle *H = State->get<HandleMap>(Sym);
  if (H && H->Status == HandleStatus::Owned)
    State = setHandle(State, Sym, H->settled().with(HandleStatus::Escaped));
  return State;
}

// New memory handed on: so are the handles it holds.
static ProgramStateRef escapeNewMemory(ProgramStateRef State, SymbolRef Mem) {
  if (!isNewMemory(State, Mem))
    return State;
  State = forgetNewMemory(State, Mem);
  for (const auto &Entry : State->get<HolderMap>())
    if (liesIn(Entry.first, Mem))
      State = escape(State, Entry.second);
  return State;
}

// Sym is passed directly to a function defined in this file whose body
// only borrows that argument (the analyzer evaluates it without inlining).
bool borrowedByHelper(const CallEvent &Call, SymbolRef Sym,
                      PointerEscapeKind Kind, const RuleSet &Rules) {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  if (Kind != PSK_DirectEscapeOnCall || !FD)
    return false;
  for (unsigned I = 0, E = Call.getNumArgs(); I < E; ++I)
    if (argSymbol(Call, I) == Sym &&
        helperArgUse(FD, I, Rules) == ArgUse::Unknown)
      return false;
  for (unsigned I = 0, E = Call.getNumArgs(); I < E; ++I)
    if (argSymbol(Call, I) == Sym)
      return true;
  return false;
}

// New memory given to a call on a handle this function owns is kept by
// that handle; given to any other call, it is handed on.
static ProgramStateRef keptBy(ProgramStateRef State, SymbolRef Mem,
                              const CallEvent &Call, const pg_function *F) {
  SymbolRef Keeper =
      F->configure ? argSymbol(Call, F->configure->arg) : nullptr;
  const Handle *K = Keeper ? State->get<HandleMap>(Keeper) : nullptr;
  if (K && K->Status == HandleStatus::Owned)
    return keep(State, Mem, Keeper);
  return escapeNewMemory(State, Mem);
}

ProgramStateRef LifecycleEngine::checkPointerEscape(
    ProgramStateRef State, const InvalidatedSymbols &Escaped,
    const CallEvent *Call, PointerEscapeKind Kind) const {
  // Calls into a modeled library borrow: their transfers are applied in
  // checkPostCall, everything else stays ours, except a handle (or new
  // memory holding handles) passed as the untyped user data of a callback.
  if (const pg_function *F = Call ? rolesOf(*Call) : nullptr) {
    for (unsigned I = 0, E = Call->getNumArgs(); I < E; ++I) {
      SymbolRef Sym = argSymbol(*Call, I);
      if (Sym && isUserData(*Call, F, I))
        State = escapeNewMemory(escape(State, Sym), Sym);
      else if (Sym && isNewMemory(State, Sym) && keepsMemory(*Call, F, I))
        State = keptBy(State, Sym, *Call, F);
    }
    // The address of a pointer variable (`&conn`): the call may keep or
    // overwrite it, and the analyzer no longer knows what the variable
    // points to. (A buffer inside the memory, `conn->error`, is not that.)
    if (Kind == PSK_IndirectEscapeOnCall && passesPointerAddress(*Call))
      for (SymbolRef Sym : Escaped)
        State = escapeNewMemory(State, Sym);
    return State;
  }
  for (SymbolRef Sym : Escaped)
    if (!Call || !borrowedByHelper(*Call, Sym, Kind, *Rules))
      State = escapeNewMemory(State, Sym);
  for (SymbolRef Sym : Escaped) {
    // Passed to a function of this file that the analyzer did not inline
    // but whose body only borrows it.
    if (Call && borrowedByHelper(*Call, Sym, Kind, *Rules))
      continue;
    // Stored into new memory (checkBind has just recorded where): still
    // the function's own.
    const Handle *H = State->get<HandleMap>(Sym);
    if (H && Kind == PSK_EscapeOnBind && newMemoryOf(State, H->Holder))
      continue;
    State = escape(State, Sym);
  }
  return State;
}

ProgramStateRef LifecycleEngine::evalAssume(ProgramStateRef State, SVal Cond,
                                            bool Assumption) const {
  (void)Cond;
  (void)Assumption;
  for (const auto &Entry : State->get<HandleMap>()) {
    const Handle &H = Entry.second;
    if (!H.FailSym)
      continue;
    ConditionTruthVal Failed = failureTruth(State, H.FailSym, H.FailMode);
    if (Failed.isUnderconstrained())
      continue;
    if (Failed.isConstrainedTrue()) {
      // A failed acquisition is not a handle; a failed transfer leaves the
      // handle with its owner.
      State = H.PendingTransfer
                  ? setHandle(State, Entry.first,
                              H.settled().with(HandleStatus::Owned))
                  : State->remove<HandleMap>(Entry.first);
    } else {
      State = setHandle(State, Entry.first, H.settled());
    }
  }
  // A handle the path takes to be NULL (`if (!scheme)` after an
  // out-parameter acquisition that reported success) holds nothing.
  for (const auto &Entry : State->get<HandleMap>()) {
    SymbolRef Sym = Entry.first;
    if (Entry.second.Status != HandleStatus::Owned ||
        !Loc::isLocType(Sym->getType()))
      continue;
    if (State->isNull(loc::MemRegionVal(
                          State->getStateManager().getRegionManager()
                              .getSymbolicRegion(Sym)))
            .isConstrainedTrue())
      State = State->remove<HandleMap>(Sym);
  }
  return State;
}

const pg_function *LifecycleEngine::rolesOf(const CallEvent &Call) const {
  return Rules ? callRoles(Call, *Rules) : nullptr;
}

void LifecycleEngine::checkASTDecl(const TranslationUnitDecl *TU,
                                   AnalysisManager &, BugReporter &) const {
  if (Rules)
    Callbacks.collect(TU, *Rules);
}

void LifecycleEngine::checkPreStmt(const ReturnStmt *RS,
                                   CheckerContext &C) const {
  Callbacks.checkReturn(RS, C, Reports);
}

} // namespace poolguard
