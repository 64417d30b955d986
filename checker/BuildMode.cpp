// Ordinary-build mode: `clang -fplugin=poolguard.so -c f.c` runs poolguard's
// checkers after code generation and prints findings as warnings. The object
// file and the user's own diagnostics flags are left exactly as they were.
//
//   -fplugin-arg-poolguard-enable=A,B    turn checkers on (by short name)
//   -fplugin-arg-poolguard-disable=A,B   turn checkers off
//   -fplugin-arg-poolguard-rules=F,G     add rule files (',' or ':')
//   -fplugin-arg-poolguard-werror        findings are errors
//   -fplugin-arg-poolguard-max-nodes=N   analysis budget per function
//   -fplugin-arg-poolguard-off           load, but analyze nothing
#include "Checkers.h"
#include "RuleSet.h"

#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "clang/StaticAnalyzer/Core/AnalyzerOptions.h"
#include "clang/StaticAnalyzer/Frontend/AnalysisConsumer.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"

#include <set>
#include <string>
#include <vector>

using namespace clang;

namespace poolguard {
namespace {

bool isKnownCheck(llvm::StringRef Name) {
  for (const CheckInfo &I : Checks)
    if (Name == I.Name)
      return true;
  return false;
}

std::string knownChecks() {
  std::string List;
  for (const CheckInfo &I : Checks)
    List += (List.empty() ? "" : ", ") + std::string(I.Name);
  return List;
}

class BuildModeAction : public PluginASTAction {
  std::set<std::string> Enabled;
  // enable=/disable= as given, in order: under --analyze they add to the
  // analyzer's own -analyzer-checker list.
  std::vector<std::pair<std::string, bool>> Given;
  std::string Rules;
  std::string MaxNodes;
  bool Werror = false;
  bool Off = false;

  bool error(const CompilerInstance &CI, llvm::StringRef Text) {
    DiagnosticsEngine &D = CI.getDiagnostics();
    D.Report(D.getCustomDiagID(DiagnosticsEngine::Error, "poolguard: %0"))
        << Text;
    return false;
  }

  bool setChecks(const CompilerInstance &CI, llvm::StringRef List, bool On) {
    llvm::SmallVector<llvm::StringRef, 4> Names;
    List.split(Names, ',', -1, false);
    if (Names.empty())
      return error(CI, std::string("plugin argument '") +
                           (On ? "enable" : "disable") +
                           "=' names no checker (known: " + knownChecks() +
                           ")");
    for (llvm::StringRef N : Names) {
      N = N.trim();
      if (!isKnownCheck(N))
        return error(CI, "unknown checker '" + N.str() +
                             "' in plugin argument (known: " + knownChecks() +
                             ")");
      if (On)
        Enabled.insert(N.str());
      else
        Enabled.erase(N.str());
      Given.emplace_back(N.str(), On);
    }
    return true;
  }

  // rules=a.yaml,b.yaml; repeated arguments add to the list. A list with no
  // file, or an empty name in it, is an error rather than nothing loaded.
  bool setRules(const CompilerInstance &CI, const std::string &Arg,
                llvm::StringRef Value) {
    if (Value.trim().empty())
      return error(CI, "plugin argument '" + Arg +
                           "' names no rule file (expected rules=FILE or "
                           "rules=a.yaml,b.yaml)");
    for (llvm::StringRef F : splitRuleFiles(Value))
      if (F.empty())
        return error(CI, "empty file name in plugin argument '" + Arg +
                             "' (files are separated by ',' or ':')");
    Rules = Rules.empty() ? Value.str() : Rules + "," + Value.str();
    return true;
  }

public:
  BuildModeAction() {
    for (const CheckInfo &I : poolguard::Checks)
      if (I.OnInBuildMode)
        Enabled.insert(I.Name);
  }

  ActionType getActionType() override { return AddAfterMainAction; }

  bool ParseArgs(const CompilerInstance &CI,
                 const std::vector<std::string> &Args) override {
    for (const std::string &A : Args) {
      llvm::StringRef Arg(A);
      auto [Key, Value] = Arg.split('=');
      if (Key == "enable" || Key == "disable") {
        if (!setChecks(CI, Value, Key == "enable"))
          return false;
      } else if (Key == "rules") {
        if (!setRules(CI, A, Value))
          return false;
      } else if (Key == "max-nodes") {
        unsigned N = 0;
        if (Value.getAsInteger(10, N) || N == 0)
          return error(CI, "plugin argument '" + A +
                               "' needs a positive number of nodes");
        MaxNodes = Value.str();
      } else if (Arg == "werror") {
        Werror = true;
      } else if (Arg == "off") {
        Off = true;
      } else {
        return error(CI, "unknown plugin argument '" + A +
                             "' (expected enable=, disable=, rules=, "
                             "max-nodes=N, werror or off)");
      }
    }
    return true;
  }

  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 llvm::StringRef) override {
    if (alreadyAnalyzing(CI)) {
      applyToAnalyzer(CI);
      return std::make_unique<ASTConsumer>();
    }
    // -w silences every warning, and the analyzer's are no exception
    // (they are custom diagnostics, which -w would not reach): nothing to
    // analyze for, unless findings are errors.
    if (Off || Enabled.empty() ||
        (CI.getDiagnostics().getIgnoreAllWarnings() && !Werror))
      return std::make_unique<ASTConsumer>();
    AnalyzerOptions &AO = CI.getAnalyzerOpts();
    AO.CheckersAndPackages.clear();
    // The core checkers run silenced, as they run under --analyze: a
    // pointer dereferenced (`c->easy = ...`) is not NULL afterwards, so a
    // NULL-tolerant `foo_free(c)` takes no path the program cannot.
    // apiModeling (reports nothing) keeps paths through exit(),
    // __builtin_expect() and friends feasible.
    AO.CheckersAndPackages.emplace_back("core", true);
    AO.SilencedCheckersAndPackages.emplace_back("core");
    AO.CheckersAndPackages.emplace_back("apiModeling", true);
    for (const std::string &C : Enabled)
      AO.CheckersAndPackages.emplace_back("poolguard." + C, true);
    AO.AnalysisDiagOpt = PD_TEXT;
    AO.AnalyzerWerror = Werror;
    if (!Rules.empty())
      AO.Config["poolguard:Rules"] = Rules;
    if (!MaxNodes.empty())
      AO.MaxNodesPerTopLevelFunction = std::stoul(MaxNodes);
    // A loop with a small constant bound (`for (i = 0; i < 10; i++)` adding
    // transfers to a multi) is otherwise cut off after four iterations, and
    // nothing after it is analyzed: the requests the pool checks look at.
    AO.ShouldUnrollLoops = true;
    // Not widen-loops: widening invalidates every local, so a handle held
    // across any loop would be lost, and its leak with it.
    // CreateAnalysisConsumer turns -Werror off for the whole file; the
    // user's build must not change because poolguard is loaded.
    DiagnosticsEngine &Diags = CI.getDiagnostics();
    bool WarningsAsErrors = Diags.getWarningsAsErrors();
    auto Consumer = ento::CreateAnalysisConsumer(CI);
    Diags.setWarningsAsErrors(WarningsAsErrors);
    return Consumer;
  }

private:
  // Under --analyze the plugin's arguments still count: rule files, checkers
  // turned on or off, findings as errors and the budget go to the analyzer
  // that runs the checkers (a broken rule file must not pass unnoticed).
  // Its checkers are registered after every consumer is created.
  void applyToAnalyzer(CompilerInstance &CI) const {
    AnalyzerOptions &AO = CI.getAnalyzerOpts();
    if (!Rules.empty()) {
      std::string &Existing = AO.Config["poolguard:Rules"];
      Existing = Existing.empty() ? Rules : Existing + "," + Rules;
    }
    for (const auto &[Name, On] : Given)
      AO.CheckersAndPackages.emplace_back("poolguard." + Name, On);
    if (!MaxNodes.empty())
      AO.MaxNodesPerTopLevelFunction = std::stoul(MaxNodes);
    // The analyzer has set up its output already; say so rather than
    // ignore the argument.
    DiagnosticsEngine &D = CI.getDiagnostics();
    unsigned Ignored = D.getCustomDiagID(
        DiagnosticsEngine::Warning,
        "poolguard: plugin argument '%0' has no effect under --analyze%1");
    if (Werror)
      D.Report(Ignored) << "werror" << "; use -Xclang -analyzer-werror";
    if (Off)
      D.Report(Ignored) << "off"
                        << "; leave out -analyzer-checker=poolguard instead";
  }

  // Under --analyze (or a tool that already enabled poolguard) the analyzer
  // runs the checkers itself; running them again would double every finding.
  static bool alreadyAnalyzing(CompilerInstance &CI) {
    if (CI.getFrontendOpts().ProgramAction == frontend::RunAnalysis)
      return true;
    for (const auto &CP : CI.getAnalyzerOpts().CheckersAndPackages)
      if (llvm::StringRef(CP.first).starts_with("poolguard"))
        return true;
    return false;
  }
};

} // namespace
} // namespace poolguard

static clang::FrontendPluginRegistry::Add<poolguard::BuildModeAction>
    Registered("poolguard", "find HTTP connection-pool bugs");
