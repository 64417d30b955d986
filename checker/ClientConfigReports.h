// How the client-configuration engine turns its decisions into reports:
// messages, path notes, and one transition that carries both. The fix-its
// are in ClientFixits.h.
#ifndef POOLGUARD_CLIENTCONFIGREPORTS_H
#define POOLGUARD_CLIENTCONFIGREPORTS_H

#include "Checkers.h"
#include "ClientState.h"
#include "ConfigRules.h"

#include "clang/Basic/Diagnostic.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "llvm/ADT/SmallVector.h"

#include <string>

namespace poolguard {

struct PendingReport {
  CheckKind Kind;
  std::string Message;
  llvm::SmallVector<clang::ento::SymbolRef, 2> Interesting;
  llvm::SmallVector<clang::FixItHint, 2> Fixes;
  // Reports about clients from different creation sites stay apart even
  // where they meet in one helper: uniqued by the creation call.
  const clang::Stmt *UniqueAt = nullptr;
  const clang::LocationContext *UniqueIn = nullptr;
};

inline unsigned checkBit(CheckKind K) { return 1u << K; }

// The notes one transition carries, each shown in the reports of some
// checkers (a mask of checkBit()) that are about its symbol.
class ConfigNotes {
public:
  void add(clang::ento::SymbolRef Sym, unsigned Checks, std::string Text) {
    Notes.push_back({Sym, Checks, std::move(Text)});
  }
  bool empty() const { return Notes.empty(); }
  const clang::ento::NoteTag *tag(const CheckSet &Reports,
                                  clang::ento::CheckerContext &C) const;

private:
  struct Note {
    clang::ento::SymbolRef Sym;
    unsigned Checks;
    std::string Text;
  };
  llvm::SmallVector<Note, 2> Notes;
};

// What one callback does: the new state, its notes, its reports. finish()
// adds one node for all of them.
struct Transition {
  clang::ento::ProgramStateRef State;
  ConfigNotes Notes;
  llvm::SmallVector<PendingReport, 1> Reports;

  void finish(const CheckSet &Checks, clang::ento::CheckerContext &C);
};

// ` 'h'` for the variable or field that holds Sym, or nothing.
// Holder names a handle the lifecycle engine no longer tracks.
std::string quotedName(clang::ento::ProgramStateRef State,
                       clang::ento::SymbolRef Sym,
                       const clang::ento::ExplodedNode *N,
                       const clang::ento::MemRegion *Holder = nullptr);
// `curl_easy_perform` for messages; "the call" when unnamed.
std::string calleeName(const clang::ento::CallEvent &Call);

// Which checkers a setting of this effect matters to (for its note).
unsigned checksForEffect(pg_effect E);

// What to do instead of a client per request, from the rules: reuse the
// handle (with the kind's reset function between requests, if it has
// one), one per destination when the constructor takes one.
std::string reuseAdvice(const pg_kind *K, const pg_function *Acquirer,
                        const ConfigModel &M);

// "A, B or C" / "A and B".
std::string joinNames(llvm::ArrayRef<std::string> Names, llvm::StringRef Last);

} // namespace poolguard

#endif
