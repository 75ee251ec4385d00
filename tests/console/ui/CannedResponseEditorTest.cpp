#include "ui/CannedResponseEditor.h"

#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using caredesk::console::CannedResponseEditor;
using caredesk::console::CannedResponseRow;

namespace {
QList<CannedResponseRow> samples() {
    return {{3, QStringLiteral("wait"), QStringLiteral("Wait update"),
             QStringLiteral("Your wait is {wait}."), 2},
            {4, QStringLiteral("welcome"), QStringLiteral("Welcome"),
             QStringLiteral("Hi {firstName}, I'm {myName}."), 1}};
}
} // namespace

// The admins' window for canned responses, without a server.
class CannedResponseEditorTest : public QObject {
    Q_OBJECT

private slots:
    void newResponseIsCheckedBeforeSaving();
    void editingSendsTheVersionRead();
    void refusalsKeepWhatWasTyped();
    void deleteAsksFirst();
};

void CannedResponseEditorTest::newResponseIsCheckedBeforeSaving() {
    CannedResponseEditor editor;
    editor.setResponses(samples());
    editor.show();
    QSignalSpy save(&editor, &CannedResponseEditor::saveRequested);
    QVERIFY(!editor.saveButton()->isEnabled());
    QTest::keyClicks(editor.shortcutEdit(), QStringLiteral("Parking Info!"));
    QCOMPARE(editor.shortcutEdit()->text(), QStringLiteral("arkingnfo")); // only a-z 0-9 - _
    editor.shortcutEdit()->setText(QStringLiteral("parking"));
    editor.titleEdit()->setText(QStringLiteral("Parking"));
    editor.bodyEdit()->setPlainText(QStringLiteral("Hi {firstname}, parking is free."));
    QVERIFY(!editor.saveButton()->isEnabled());
    QVERIFY2(editor.messageText().contains(QLatin1String("{firstname}")),
             qPrintable(editor.messageText()));
    editor.bodyEdit()->setPlainText(QStringLiteral("Hi {firstName}, parking is free."));
    QVERIFY(editor.saveButton()->isEnabled());
    QVERIFY(editor.messageText().isEmpty());
    QTest::mouseClick(editor.saveButton(), Qt::LeftButton);
    QCOMPARE(save.count(), 1);
    const auto sent = save.front().front().value<CannedResponseRow>();
    QCOMPARE(sent.id, 0);
    QCOMPARE(sent.version, 0);
    QCOMPARE(sent.shortcut, QStringLiteral("parking"));
    QCOMPARE(sent.body, QStringLiteral("Hi {firstName}, parking is free."));
    QVERIFY(!editor.saveButton()->isEnabled()); // until the server answers

    editor.showSaved({9, QStringLiteral("parking"), QStringLiteral("Parking"), sent.body, 1});
    QVERIFY(editor.messageText().startsWith(QLatin1String("Saved /parking")));
    // Saving again changes the one just made, at its new version.
    editor.bodyEdit()->setPlainText(QStringLiteral("Parking is free, {firstName}."));
    QTest::mouseClick(editor.saveButton(), Qt::LeftButton);
    QCOMPARE(save.count(), 2);
    QCOMPARE(save.at(1).front().value<CannedResponseRow>().id, 9);
    QCOMPARE(save.at(1).front().value<CannedResponseRow>().version, 1);
}

void CannedResponseEditorTest::editingSendsTheVersionRead() {
    CannedResponseEditor editor;
    editor.setResponses(samples());
    QSignalSpy save(&editor, &CannedResponseEditor::saveRequested);
    editor.list()->setCurrentRow(0);
    QCOMPARE(editor.shortcutEdit()->text(), QStringLiteral("wait"));
    QCOMPARE(editor.bodyEdit()->toPlainText(), QStringLiteral("Your wait is {wait}."));
    editor.bodyEdit()->setPlainText(QStringLiteral("Your wait is now {wait}."));
    // The list refreshes meanwhile: the text being edited stays.
    editor.setResponses(samples());
    QCOMPARE(editor.bodyEdit()->toPlainText(), QStringLiteral("Your wait is now {wait}."));
    QTest::mouseClick(editor.saveButton(), Qt::LeftButton);
    QCOMPARE(save.count(), 1);
    const auto sent = save.front().front().value<CannedResponseRow>();
    QCOMPARE(sent.id, 3);
    QCOMPARE(sent.version, 2);
}

void CannedResponseEditorTest::refusalsKeepWhatWasTyped() {
    CannedResponseEditor editor;
    editor.setResponses(samples());
    editor.list()->setCurrentRow(1);
    editor.bodyEdit()->setPlainText(QStringLiteral("Hello {firstName}!"));
    QTest::mouseClick(editor.saveButton(), Qt::LeftButton);
    editor.showFailed(QStringLiteral("conflict"), QStringLiteral("changed since read"),
                      QStringLiteral("body.expectedVersion"));
    QVERIFY(editor.messageText().contains(QLatin1String("colleague")));
    QCOMPARE(editor.bodyEdit()->toPlainText(), QStringLiteral("Hello {firstName}!"));
    QVERIFY(editor.saveButton()->isEnabled());
    editor.showFailed(QStringLiteral("conflict"), QStringLiteral("the shortcut /wait is taken"),
                      QStringLiteral("body.shortcut"));
    QCOMPARE(editor.messageText(), QStringLiteral("the shortcut /wait is taken"));
}

void CannedResponseEditorTest::deleteAsksFirst() {
    CannedResponseEditor editor;
    editor.setResponses(samples());
    QSignalSpy remove(&editor, &CannedResponseEditor::deleteRequested);
    auto *button = editor.findChild<QPushButton *>(QStringLiteral("deleteCannedResponse"));
    QVERIFY(!button->isEnabled()); // nothing chosen
    editor.list()->setCurrentRow(0);
    bool answer = false;
    QString asked;
    editor.setDeleteQuestion([&](const QString &shortcut) {
        asked = shortcut;
        return answer;
    });
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(asked, QStringLiteral("wait"));
    QCOMPARE(remove.count(), 0);
    answer = true;
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(remove.count(), 1);
    QCOMPARE(remove.front().at(0).toLongLong(), 3);
    QCOMPARE(remove.front().at(1).toLongLong(), 2);
    editor.showDeleted(3);
    QVERIFY(editor.shortcutEdit()->text().isEmpty());
}

QTEST_MAIN(CannedResponseEditorTest)
#include "CannedResponseEditorTest.moc"
