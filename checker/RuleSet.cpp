#include "RuleSet.h"

#include "clang/AST/Decl.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"

#include <memory>
#include <string>

using namespace clang;

namespace poolguard {

namespace {

struct DiagSink {
  DiagnosticsEngine &Diags;
  unsigned Errors = 0;
};

// Where "file:line:col" of a rule file is, as a location clang can show
// (with the line) and editors can jump to; invalid for a file it cannot
// open (a built-in one, a missing one).
SourceLocation ruleFileLocation(DiagnosticsEngine &Diags,
                                llvm::StringRef Where) {
  if (!Diags.hasSourceManager())
    return SourceLocation();
  auto [Rest, ColText] = Where.rsplit(':');
  auto [File, LineText] = Rest.rsplit(':');
  unsigned Line = 0, Col = 0;
  if (File.empty() || LineText.getAsInteger(10, Line) ||
      ColText.getAsInteger(10, Col) || !Line || !Col)
    return SourceLocation();
  SourceManager &SM = Diags.getSourceManager();
  auto Entry = SM.getFileManager().getOptionalFileRef(File);
  if (!Entry)
    return SourceLocation();
  FileID FID = SM.getOrCreateFileID(*Entry, SrcMgr::C_User);
  return SM.translateLineCol(FID, Line, Col);
}

// The loader formats "file:line:col: error: text". With the file at hand
// the location is the diagnostic's own; else it stays in the text.
void reportRuleError(void *Ctx, const char *Message) {
  auto *Sink = static_cast<DiagSink *>(Ctx);
  llvm::StringRef Text = Message;
  size_t At = Text.find(": error: ");
  std::string Where =
      At == llvm::StringRef::npos ? std::string() : Text.substr(0, At).str();
  SourceLocation Loc = ruleFileLocation(Sink->Diags, Where);
  std::string Shown =
      At == llvm::StringRef::npos
          ? Text.str()
          : Loc.isValid() ? Text.substr(At + 9).str()
                          : Where + ": " + Text.substr(At + 9).str();
  unsigned ID = Sink->Diags.getCustomDiagID(
      DiagnosticsEngine::Error, "poolguard: invalid rule file: %0");
  Sink->Diags.Report(Loc, ID) << Shown;
  ++Sink->Errors;
}

} // namespace

llvm::SmallVector<llvm::StringRef, 4>
splitRuleFiles(llvm::StringRef UserFiles) {
  llvm::SmallVector<llvm::StringRef, 4> Files;
  if (UserFiles.trim().empty())
    return Files; // no user files: the option's default
  while (true) {
    size_t At = UserFiles.find_first_of(",:");
    Files.push_back(UserFiles.substr(0, At).trim());
    if (At == llvm::StringRef::npos)
      break;
    UserFiles = UserFiles.substr(At + 1);
  }
  return Files;
}

const RuleSet *RuleSet::load(llvm::StringRef UserFiles,
                             DiagnosticsEngine &Diags) {
  // One compiler process analyzes one translation unit, but the analyzer
  // may register checkers more than once (e.g. build mode); load once.
  static llvm::StringMap<std::unique_ptr<RuleSet>> Cache;
  auto It = Cache.find(UserFiles);
  if (It != Cache.end())
    return It->second.get();

  DiagSink Sink{Diags};
  pg_rules *R = pg_rules_new();
  pg_rules_load_builtin(R, reportRuleError, &Sink);
  for (llvm::StringRef F : splitRuleFiles(UserFiles)) {
    if (F.empty()) {
      // "a.yaml:" or "a.yaml,,b.yaml": a file meant but not named.
      unsigned ID = Diags.getCustomDiagID(
          DiagnosticsEngine::Error,
          "poolguard: empty file name in the rule file list '%0' (files are "
          "separated by ':' or ',')");
      Diags.Report(ID) << UserFiles;
      ++Sink.Errors;
      continue;
    }
    std::string Path = F.str();
    pg_rules_load_file(R, Path.c_str(), reportRuleError, &Sink);
  }
  std::unique_ptr<RuleSet> Set;
  if (Sink.Errors == 0)
    Set.reset(new RuleSet(R));
  else
    pg_rules_free(R);
  const RuleSet *Result = Set.get();
  Cache[UserFiles] = std::move(Set);
  return Result;
}

static std::string calleeName(const FunctionDecl *FD) {
  if (!FD || !FD->getIdentifier())
    return std::string();
  return FD->getName().str();
}

const pg_function *RuleSet::function(const FunctionDecl *FD) const {
  std::string Name = calleeName(FD);
  return Name.empty() ? nullptr : pg_rules_function(Rules, Name.c_str());
}

bool RuleSet::isModeled(const FunctionDecl *FD) const {
  std::string Name = calleeName(FD);
  if (Name.empty())
    return false;
  return pg_rules_function(Rules, Name.c_str()) ||
         pg_rules_borrows_by_default(Rules, Name.c_str());
}

bool releaseAccepts(const pg_release *Rel, const pg_kind *Kind) {
  if (!Rel->kinds)
    return true;
  for (const pg_kind *const *K = Rel->kinds; *K; ++K)
    if (*K == Kind)
      return true;
  return false;
}

const pg_kind *RuleSet::bodyKindForType(QualType T) const {
  std::string Spelled = T.getUnqualifiedType().getAsString();
  for (size_t I = 0, E = pg_rules_kind_count(Rules); I < E; ++I) {
    const pg_kind *K = pg_rules_kind_at(Rules, I);
    if (K->role == PG_ROLE_BODY && Spelled == K->type)
      return K;
  }
  return nullptr;
}

} // namespace poolguard
