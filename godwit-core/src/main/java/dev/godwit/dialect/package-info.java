/**
 * The target half: {@link dev.godwit.dialect.Dialect} (capabilities, lexical rules, opening a session),
 * {@link dev.godwit.dialect.DatabaseSession} (the coarse port every engine implements), {@link
 * dev.godwit.dialect.Change} and its {@link dev.godwit.dialect.Work}. {@code JdbcSession}, {@code HistoryTable} and
 * the engine subpackages are internal: public for the engines, not for applications.
 */
package dev.godwit.dialect;
