// Entry points the analyzer looks up in the plugin: the API version it must
// match and the checker registry hook.
#include "Checkers.h"
#include "ClientConfig.h"
#include "Lifecycle.h"

#include "clang/AST/ASTContext.h"
#include "clang/StaticAnalyzer/Core/AnalyzerOptions.h"
#include "clang/StaticAnalyzer/Frontend/CheckerRegistry.h"

#include <type_traits>

using namespace clang;
using namespace clang::ento;
using namespace poolguard;

// The analyzer refuses a plugin whose string differs from its own full
// version (19.1.7). `extern` matters: a const array would be internal.
extern "C" LLVM_ATTRIBUTE_USED const char clang_analyzerAPIVersionString[] =
    CLANG_ANALYZER_API_VERSION_STRING;

static const char *const LifecycleName = "poolguard.Lifecycle";
static const char *const ClientConfigName = "poolguard.ClientConfig";

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

// The client-configuration engine depends on the lifecycle engine (it asks
// trackedHandle() which handles were acquired on the path), which the
// registry therefore registers, and runs, first.
static void registerClientConfig(CheckerManager &Mgr) {
  ClientConfigEngine *E = Mgr.registerChecker<ClientConfigEngine>();
  E->Rules = loadRules(Mgr, ClientConfigName);
}

// Checker options of the client-configuration checkers: name, type,
// default, description. Read when the checker is registered.
static void addClientConfigOptions(CheckerRegistry &Registry) {
  Registry.addCheckerOption(
      "bool", Checks[CK_ClientPerRequest].FullName, "Aggressive", "false",
      "Also report an externally visible function that creates a client, "
      "uses it for one request and destroys it on every call",
      "released");
  Registry.addCheckerOption(
      "int", Checks[CK_PoolLimits].FullName, "MinConnsPerHost", "4",
      "Report a per-host connection limit below this (libsoup's default is "
      "2); fix-its set a limit of this value",
      "released");
  Registry.addCheckerOption(
      "int", Checks[CK_PoolLimits].FullName, "MaxHandlesWithoutLimit", "6",
      "Report a pool with no connection limit (a curl multi handle) when more "
      "handles than this join it, or any join it in a loop",
      "released");
  Registry.addCheckerOption(
      "int", Checks[CK_NoTimeout].FullName, "FixTimeoutSeconds", "30",
      "The timeout, in seconds, that the fix-it sets", "released");
}

static void readClientConfigOptions(ClientConfigEngine &E, CheckKind K,
                                    const AnalyzerOptions &AO) {
  switch (K) {
  case CK_ClientPerRequest:
    E.Aggressive = AO.getCheckerBooleanOption(Checks[K].FullName,
                                              "Aggressive");
    break;
  case CK_PoolLimits:
    E.MinConnsPerHost =
        AO.getCheckerIntegerOption(Checks[K].FullName, "MinConnsPerHost");
    E.MaxUnlimitedHandles = AO.getCheckerIntegerOption(
        Checks[K].FullName, "MaxHandlesWithoutLimit");
    break;
  case CK_NoTimeout:
    E.FixTimeoutSeconds =
        AO.getCheckerIntegerOption(Checks[K].FullName, "FixTimeoutSeconds");
    break;
  default:
    break;
  }
}

// A user-visible checker: switch its reports on in the engine it belongs to.
template <typename Engine, CheckKind K>
static void registerCheck(CheckerManager &Mgr) {
  Engine *E = Mgr.getChecker<Engine>();
  E->Reports.enable(K, Mgr.getCurrentCheckerName());
  if constexpr (std::is_same_v<Engine, ClientConfigEngine>)
    readClientConfigOptions(*E, K, Mgr.getAnalyzerOptions());
}

static bool always(const CheckerManager &) { return true; }

// A checker marked OnlyByName stays off when only its package is enabled:
// the last -analyzer-checker/-analyzer-disable-checker entry with its own
// full name decides.
template <CheckKind K> static bool shouldRegister(const CheckerManager &Mgr) {
  if (!Checks[K].OnlyByName)
    return true;
  bool On = false;
  for (const auto &Entry : Mgr.getAnalyzerOptions().CheckersAndPackages)
    if (Entry.first == Checks[K].FullName)
      On = Entry.second;
  return On;
}

template <typename Engine, CheckKind K>
static void addCheck(CheckerRegistry &Registry, const char *EngineName) {
  Registry.addChecker(registerCheck<Engine, K>, shouldRegister<K>,
                      Checks[K].FullName, Checks[K].Description,
                      Checks[K].DocsUri, false);
  Registry.addDependency(Checks[K].FullName, EngineName);
}

extern "C" LLVM_ATTRIBUTE_USED void
clang_registerCheckers(CheckerRegistry &Registry) {
  Registry.addPackage("poolguard");
  Registry.addPackageOption("string", "poolguard", "Rules", "",
                            "Rule files loaded after the built-in ones, "
                            "separated by : or , (see docs/rules.md)",
                            "released");
  Registry.addChecker(registerLifecycle, always, LifecycleName,
                      "The handle lifecycle engine the lifecycle checkers "
                      "report through",
                      "docs/checkers/README.md", true);
  addCheck<LifecycleEngine, CK_HandleLeak>(Registry, LifecycleName);
  addCheck<LifecycleEngine, CK_UseAfterRelease>(Registry, LifecycleName);
  addCheck<LifecycleEngine, CK_PartialRead>(Registry, LifecycleName);

  Registry.addChecker(registerClientConfig, always, ClientConfigName,
                      "The client-configuration engine that ClientPerRequest, "
                      "PoolLimits, ReuseDisabled and NoTimeout report through",
                      "docs/checkers/README.md", true);
  Registry.addDependency(ClientConfigName, LifecycleName);
  addCheck<ClientConfigEngine, CK_ClientPerRequest>(Registry,
                                                    ClientConfigName);
  addCheck<ClientConfigEngine, CK_PoolLimits>(Registry, ClientConfigName);
  addCheck<ClientConfigEngine, CK_ReuseDisabled>(Registry, ClientConfigName);
  addCheck<ClientConfigEngine, CK_NoTimeout>(Registry, ClientConfigName);
  addClientConfigOptions(Registry);
}
