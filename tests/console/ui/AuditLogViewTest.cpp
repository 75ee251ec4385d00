#include "models/AuditTableModel.h"
#include "ui/AuditLogView.h"

#include <QAbstractItemModelTester>
#include <QBuffer>
#include <QCheckBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using caredesk::console::AuditFilter;
using caredesk::console::AuditLogView;
using caredesk::console::AuditRow;
using caredesk::console::AuditTableModel;

namespace {
AuditRow row(qint64 id, const QString &action, const QString &detail = QStringLiteral("{}")) {
    AuditRow event;
    event.id = id;
    event.atMs = 1'700'000'000'000 + id * 1000;
    event.actorKind = QStringLiteral("caregiver");
    event.actorId = 4;
    event.actorName = QStringLiteral("Sam Ortiz");
    event.action = action;
    event.subjectType = QStringLiteral("visit");
    event.subjectId = QStringLiteral("41");
    event.clientAddress = QStringLiteral("10.0.0.8");
    event.detail = detail;
    event.sealed = id % 2 == 0;
    return event;
}
} // namespace

// The admins' audit window without a server: filters become requests, pages
// fill the table, and the CSV export is safe to open in a spreadsheet.
class AuditLogViewTest : public QObject {
    Q_OBJECT

private slots:
    void filtersBecomeTheRequest() {
        AuditLogView view;
        QSignalSpy requested(&view, &AuditLogView::listRequested);
        view.findChild<QLineEdit *>(QStringLiteral("auditAction"))->setText(QStringLiteral(" chat. "));
        view.findChild<QLineEdit *>(QStringLiteral("auditSubjectType"))->setText(QStringLiteral("visit"));
        view.findChild<QLineEdit *>(QStringLiteral("auditActor"))->setText(QStringLiteral("4"));
        QTest::mouseClick(view.findChild<QPushButton *>(QStringLiteral("auditSearch")),
                          Qt::LeftButton);
        QCOMPARE(requested.count(), 1);
        const auto filter = requested.front().front().value<AuditFilter>();
        QCOMPARE(filter.action, QStringLiteral("chat."));
        QCOMPARE(filter.subjectType, QStringLiteral("visit"));
        QVERIFY(filter.subjectId.isEmpty());
        QCOMPARE(filter.actorId, std::optional<qint64>(4));
        QVERIFY(!filter.from.isValid());
        QVERIFY(!filter.to.isValid());
        view.findChild<QCheckBox *>()->setChecked(true); // "From"
        view.search();
        QVERIFY(requested.back().front().value<AuditFilter>().from.isValid());
    }

    void pagesFillTheTable() {
        AuditLogView view;
        QAbstractItemModelTester tester(&view.model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy older(&view, &AuditLogView::olderRequested);
        auto *olderButton = view.findChild<QPushButton *>(QStringLiteral("auditOlder"));
        view.showPage({row(9, QStringLiteral("chat.read")), row(8, QStringLiteral("auth.login"))},
                      false, true);
        QCOMPARE(view.model().rowCount(), 2);
        QVERIFY(olderButton->isEnabled());
        QVERIFY(view.statusText().contains(QLatin1String("older ones match")));
        QCOMPARE(view.model().index(0, AuditTableModel::ActorColumn).data().toString(),
                 QStringLiteral("Sam Ortiz (4)"));
        QCOMPARE(view.model().index(0, AuditTableModel::SubjectColumn).data().toString(),
                 QStringLiteral("visit 41"));
        QCOMPARE(view.model().index(1, AuditTableModel::SealedColumn).data().toString(),
                 QStringLiteral("sealed"));
        QTest::mouseClick(olderButton, Qt::LeftButton);
        QCOMPARE(older.count(), 1);
        view.showPage({row(7, QStringLiteral("visit.read"))}, true, false);
        QCOMPARE(view.model().rowCount(), 3);
        QVERIFY(!olderButton->isEnabled());
        QCOMPARE(view.statusText(), QStringLiteral("3 event(s)."));
        view.showPage({}, false, false); // a new search with nothing
        QCOMPARE(view.model().rowCount(), 0);
        view.showFailed(QStringLiteral("forbidden"), QStringLiteral("your roles do not allow this"));
        QCOMPARE(view.statusText(), QStringLiteral("Only admins read the audit log."));
    }

    void csvIsQuotedAndSafeForSpreadsheets() {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        AuditRow tricky = row(5, QStringLiteral("=HYPERLINK(\"x\")"),
                              QStringLiteral("{\"note\": \"a, b\\nc\"}"));
        tricky.actorName = QStringLiteral("-Dana");
        AuditTableModel::writeCsv({tricky}, buffer);
        const QStringList lines = QString::fromUtf8(buffer.data()).split(QStringLiteral("\r\n"));
        QCOMPARE(lines[0], QStringLiteral("id,time_utc,actor_kind,actor_id,actor_name,action,"
                                          "subject_type,subject_id,client_address,detail,sealed"));
        QVERIFY2(lines[1].startsWith(QLatin1String("5,2023-11-14T22:13:25.000Z,caregiver,4,'-Dana,")),
                 qPrintable(lines[1]));
        QVERIFY2(lines[1].contains(QLatin1String("\"'=HYPERLINK(\"\"x\"\")\"")), qPrintable(lines[1]));
        QVERIFY2(lines[1].contains(QLatin1String("\"{\"\"note\"\": \"\"a, b\\nc\"\"}\"")),
                 qPrintable(lines[1]));
        QVERIFY(lines[1].endsWith(QLatin1String(",false")));
    }

    void exportWritesEveryMatchingEvent() {
        QTemporaryDir folder;
        const QString path = folder.filePath(QStringLiteral("audit.csv"));
        AuditLogView view;
        QSignalSpy exportAsked(&view, &AuditLogView::exportRequested);
        view.setExportPathQuestion([] { return QString(); }); // cancelled
        QTest::mouseClick(view.findChild<QPushButton *>(QStringLiteral("auditExport")),
                          Qt::LeftButton);
        QCOMPARE(exportAsked.count(), 0);
        view.setExportPathQuestion([path] { return path; });
        QTest::mouseClick(view.findChild<QPushButton *>(QStringLiteral("auditExport")),
                          Qt::LeftButton);
        QCOMPARE(exportAsked.count(), 1);
        view.exportRows({row(3, QStringLiteral("chat.read")), row(2, QStringLiteral("auth.login"))});
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QStringList lines =
            QString::fromUtf8(file.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines[1].contains(QLatin1String("chat.read")));
        QVERIFY(view.statusText().startsWith(QLatin1String("Exported 2 event(s)")));
    }
};

QTEST_MAIN(AuditLogViewTest)
#include "AuditLogViewTest.moc"
