// Entry points the analyzer looks up in the plugin: the API version it must
// match and the checker registry hook.
#include "Checkers.h"
#include "Lifecycle.h"

#include "clang/AST/ASTContext.h"
#include "clang/StaticAnalyzer/Core/AnalyzerOptions.h"
#include "clang/StaticAnalyzer/Frontend/CheckerRegistry.h"

using namespace clang;
using namespace clang::ento;
using namespace poolguard;

// The analyzer refuses a plugin whose string differs from its own full
// version (19.1.7). `extern` matters: a const array would be internal.
extern "C" LLVM_ATTRIBUTE_USED const char clang_analyzerAPIVersionString[] =
    CLANG_ANALYZER_API_VERSION_STRING;

static const char *const LifecycleName = "poolguard.Lifecycle";

static const RuleSet *loadRules(CheckerManager &Mgr, StringRef Checker) {
  StringRef Files = Mgr.getAnalyzerOptions().getCheckerStringOption(
      Checker, "Rules", /*SearchInParents=*/true);
  return RuleSet::load(Files, Mgr.getASTContext().getDiagnostics());
}

// The analyzer ends every path at the scope exit of a variable with
// __attribute__((cleanup)) (its CFG element has no transfer function), so
// nothing after the first g_autoptr scope would be analyzed. Those elements
// come with the implicit-destructor CFG option, which does nothing else in
// C. Checkers are registered before the analysis manager reads the option.
static void keepPathsThroughCleanups(CheckerManager &Mgr) {
  if (Mgr.getLangOpts().CPlusPlus)
    return;
  const_cast<AnalyzerOptions &>(Mgr.getAnalyzerOptions())
      .ShouldIncludeImplicitDtorsInCFG = false;
}

static void registerLifecycle(CheckerManager &Mgr) {
  keepPathsThroughCleanups(Mgr);
  LifecycleEngine *E = Mgr.registerChecker<LifecycleEngine>();
  E->Rules = loadRules(Mgr, LifecycleName);
}

// A user-visible checker: switch its reports on in the engine it belongs to.
template <typename Engine, CheckKind K>
static void registerCheck(CheckerManager &Mgr) {
  Mgr.getChecker<Engine>()->Reports.enable(K, Mgr.getCurrentCheckerName());
}

static bool always(const CheckerManager &) { return true; }

template <typename Engine, CheckKind K>
static void addCheck(CheckerRegistry &Registry, const char *EngineName) {
  Registry.addChecker(registerCheck<Engine, K>, always, Checks[K].FullName,
                      Checks[K].Description, Checks[K].DocsUri, false);
  Registry.addDependency(Checks[K].FullName, EngineName);
}

extern "C" LLVM_ATTRIBUTE_USED void
clang_registerCheckers(CheckerRegistry &Registry) {
  Registry.addPackage("poolguard");
  Registry.addPackageOption("string", "poolguard", "Rules", "",
                            "Comma-separated rule files loaded after the "
                            "built-in ones (see docs/rules.md)",
                            "released");
  Registry.addChecker(registerLifecycle, always, LifecycleName,
                      "The handle lifecycle engine the lifecycle checkers "
                      "report through",
                      "docs/checkers/README.md", true);
  addCheck<LifecycleEngine, CK_HandleLeak>(Registry, LifecycleName);
  addCheck<LifecycleEngine, CK_UseAfterRelease>(Registry, LifecycleName);
  addCheck<LifecycleEngine, CK_PartialRead>(Registry, LifecycleName);
}
