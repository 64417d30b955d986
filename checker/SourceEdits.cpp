#include "SourceEdits.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "clang/Lex/Lexer.h"

using namespace clang;

namespace poolguard {

const Stmt *blockStatement(const Stmt *E, ParentMap &PM) {
  const Stmt *Cur = E;
  while (const Stmt *P = PM.getParent(Cur)) {
    if (isa<CompoundStmt>(P))
      return Cur;
    if (isa<Expr, DeclStmt, ReturnStmt>(P)) {
      Cur = P;
      continue;
    }
    bool InCondition = false;
    if (const auto *If = dyn_cast<IfStmt>(P))
      InCondition =
          Cur == If->getCond() || Cur == If->getConditionVariableDeclStmt();
    else if (const auto *W = dyn_cast<WhileStmt>(P))
      InCondition = Cur == W->getCond();
    else if (const auto *D = dyn_cast<DoStmt>(P))
      InCondition = Cur == D->getCond();
    else if (const auto *F = dyn_cast<ForStmt>(P))
      InCondition =
          Cur == F->getInit() || Cur == F->getCond() || Cur == F->getInc();
    else if (const auto *S = dyn_cast<SwitchStmt>(P))
      InCondition = Cur == S->getCond();
    if (!InCondition)
      return nullptr;
    Cur = P;
  }
  return nullptr;
}

bool isCallStatement(const Stmt *S, const Expr *E) {
  const auto *SE = dyn_cast_or_null<Expr>(S);
  return SE && SE->IgnoreParenCasts() == E->IgnoreParenCasts();
}

// The statement's text as written in the file: a statement that starts
// with a macro invocation (curl_easy_setopt is a macro in curl.h) is taken
// from the start of the invocation.
static std::optional<CharSourceRange> statementRange(const Stmt *S,
                                                     const EditContext &EC) {
  CharSourceRange R = EC.SM.getExpansionRange(S->getSourceRange());
  if (R.isInvalid() || R.getBegin().isMacroID() || R.getEnd().isMacroID() ||
      EC.SM.getFileID(R.getBegin()) != EC.SM.getFileID(R.getEnd()))
    return std::nullopt;
  return R;
}

std::optional<CharSourceRange> wholeStatementRange(const Stmt *S,
                                                   const EditContext &EC) {
  CharSourceRange R = Lexer::makeFileCharRange(
      CharSourceRange::getTokenRange(S->getSourceRange()), EC.SM, EC.LO);
  if (R.isValid())
    return R;
  // The statement a macro expands to, followed in the same invocation by
  // tokens that make no statement (G_STMT_END GLIB_AVAILABLE_MACRO_IN_2_34):
  // still the whole invocation when it starts it.
  SourceLocation Begin = S->getBeginLoc(), End = S->getEndLoc();
  if (!Begin.isMacroID() || !End.isMacroID() ||
      !Lexer::isAtStartOfMacroExpansion(Begin, EC.SM, EC.LO))
    return std::nullopt;
  CharSourceRange Whole = EC.SM.getExpansionRange(Begin);
  if (Whole.getAsRange() != EC.SM.getExpansionRange(End).getAsRange() ||
      Whole.getBegin().isMacroID() || Whole.getEnd().isMacroID())
    return std::nullopt;
  return Whole;
}

std::string indentOf(SourceLocation Loc, const SourceManager &SM) {
  bool Invalid = false;
  llvm::StringRef Buf = SM.getBufferData(SM.getFileID(Loc), &Invalid);
  if (Invalid)
    return std::string();
  unsigned Off = SM.getFileOffset(Loc);
  unsigned Start = Off;
  while (Start > 0 && Buf[Start - 1] != '\n')
    --Start;
  llvm::StringRef Prefix = Buf.slice(Start, Off);
  size_t Ws = Prefix.find_first_not_of(" \t");
  return (Ws == llvm::StringRef::npos ? Prefix : Prefix.substr(0, Ws)).str();
}

SourceLocation endOfStatement(const CharSourceRange &R,
                              const EditContext &EC) {
  SourceLocation AfterSemi =
      Lexer::findLocationAfterToken(R.getEnd(), tok::semi, EC.SM, EC.LO, false);
  if (AfterSemi.isValid())
    return AfterSemi;
  return Lexer::getLocForEndOfToken(R.getEnd(), 0, EC.SM, EC.LO);
}

std::optional<FixItHint> insertLineBefore(const Stmt *S, llvm::StringRef Text,
                                          const EditContext &EC) {
  auto R = statementRange(S, EC);
  if (!R)
    return std::nullopt;
  std::string Indent = indentOf(R->getBegin(), EC.SM);
  return FixItHint::CreateInsertion(R->getBegin(), Text.str() + "\n" + Indent);
}

std::optional<FixItHint> insertLineAfter(const Stmt *S, llvm::StringRef Text,
                                         const EditContext &EC) {
  auto R = statementRange(S, EC);
  if (!R)
    return std::nullopt;
  SourceLocation End = endOfStatement(*R, EC);
  if (End.isInvalid())
    return std::nullopt;
  std::string Indent = indentOf(R->getBegin(), EC.SM);
  return FixItHint::CreateInsertion(End, "\n" + Indent + Text.str());
}

std::optional<FixItHint> removeStatement(const Stmt *S, const EditContext &EC) {
  auto R = statementRange(S, EC);
  if (!R)
    return std::nullopt;
  SourceLocation End = endOfStatement(*R, EC);
  if (End.isInvalid())
    return std::nullopt;
  bool Invalid = false;
  FileID FID = EC.SM.getFileID(R->getBegin());
  llvm::StringRef Buf = EC.SM.getBufferData(FID, &Invalid);
  if (Invalid)
    return std::nullopt;
  unsigned B = EC.SM.getFileOffset(R->getBegin());
  unsigned E = EC.SM.getFileOffset(End);
  unsigned LineStart = B;
  while (LineStart > 0 &&
         (Buf[LineStart - 1] == ' ' || Buf[LineStart - 1] == '\t'))
    --LineStart;
  unsigned LineEnd = E;
  while (LineEnd < Buf.size() && (Buf[LineEnd] == ' ' || Buf[LineEnd] == '\t'))
    ++LineEnd;
  SourceLocation FileStart = EC.SM.getLocForStartOfFile(FID);
  // Alone on its line (not the first): take the line's newline before it
  // and its indentation too. The range ends with the statement's last
  // token, not at the start of the next line: the analyzer's text output
  // turns the range into a token range, which would take the next line's
  // first character with it.
  if (LineStart > 0 && Buf[LineStart - 1] == '\n' &&
      (LineEnd == Buf.size() || Buf[LineEnd] == '\n') && E > B)
    return FixItHint::CreateRemoval(CharSourceRange::getTokenRange(
        FileStart.getLocWithOffset(LineStart - 1),
        FileStart.getLocWithOffset(E - 1)));
  return FixItHint::CreateRemoval(CharSourceRange::getCharRange(
      FileStart.getLocWithOffset(B), FileStart.getLocWithOffset(E)));
}

std::optional<CharSourceRange> fileRange(const Expr *E, const EditContext &EC) {
  SourceRange SR = E->getSourceRange();
  CharSourceRange R = Lexer::makeFileCharRange(
      CharSourceRange::getTokenRange(SR), EC.SM, EC.LO);
  if (R.isInvalid()) {
    // A whole macro argument or invocation.
    R = EC.SM.getExpansionRange(SR);
    if (R.isInvalid() || R.getBegin().isMacroID() || R.getEnd().isMacroID())
      return std::nullopt;
  }
  return R;
}

std::optional<std::string> sourceText(const Expr *E, const EditContext &EC) {
  auto R = fileRange(E, EC);
  if (!R)
    return std::nullopt;
  bool Invalid = false;
  llvm::StringRef T = Lexer::getSourceText(*R, EC.SM, EC.LO, &Invalid);
  if (Invalid || T.empty())
    return std::nullopt;
  return T.str();
}

const DeclStmt *declaringStmt(const Stmt *S, const VarDecl *VD) {
  if (!S)
    return nullptr;
  if (const auto *DS = dyn_cast<DeclStmt>(S))
    for (const Decl *D : DS->decls())
      if (D == VD)
        return DS;
  for (const Stmt *Child : S->children())
    if (const DeclStmt *DS = declaringStmt(Child, VD))
      return DS;
  return nullptr;
}

bool declares(const Stmt *S, const VarDecl *VD) {
  const auto *DS = dyn_cast_or_null<DeclStmt>(S);
  if (!DS)
    return false;
  for (const Decl *D : DS->decls())
    if (D == VD)
      return true;
  return false;
}

bool visibleAt(const VarDecl *VD, const Stmt *S, const Decl *Fn, ParentMap &PM,
               const SourceManager &SM) {
  if (!VD || !S || !Fn)
    return false;
  if (VD->hasGlobalStorage() && !VD->isLocalVarDecl())
    return true;
  if (const auto *P = dyn_cast<ParmVarDecl>(VD))
    return Decl::castFromDeclContext(P->getDeclContext()) == Fn;
  if (!VD->getParentFunctionOrMethod() ||
      Decl::castFromDeclContext(VD->getParentFunctionOrMethod()) != Fn ||
      !Fn->getBody())
    return false;
  const DeclStmt *DS = declaringStmt(Fn->getBody(), VD);
  if (!DS)
    return false;
  const Stmt *Block = PM.getParent(DS);
  SourceLocation At = SM.getExpansionLoc(S->getBeginLoc());
  SourceLocation AtEnd = SM.getExpansionLoc(S->getEndLoc());
  if (!Block ||
      !SM.isBeforeInTranslationUnit(SM.getExpansionLoc(DS->getEndLoc()), At))
    return false;
  SourceLocation BlockBegin = SM.getExpansionLoc(Block->getBeginLoc());
  SourceLocation BlockEnd = SM.getExpansionLoc(Block->getEndLoc());
  return !SM.isBeforeInTranslationUnit(At, BlockBegin) &&
         !SM.isBeforeInTranslationUnit(BlockEnd, AtEnd);
}

} // namespace poolguard
