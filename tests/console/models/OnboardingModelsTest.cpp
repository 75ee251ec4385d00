#include "OnboardingSamples.h"
#include "models/CaregiverTableModel.h"
#include "models/CsvText.h"
#include "models/ImportLineModel.h"
#include "models/LicenseTableModel.h"
#include "protocol/AccountMessages.h"
#include "state/ImportFile.h"
#include "state/LicenseStanding.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>

using namespace caredesk::console;
using caredesk::console::test::account;
using caredesk::console::test::license;
using caredesk::console::test::sampleAccounts;

// The Caregivers window's models and the rules they show: status and invitation
// of accounts, licenses lapsing soon, the lines of an import report, and what
// a CSV file must be to be sent at all.
class OnboardingModelsTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void accountsShowStatusAndInvitation() {
        CaregiverTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRows(sampleAccounts());
        QCOMPARE(model.rowCount(), 4);
        const auto cell = [&model](int row, int column) {
            return model.index(row, column).data().toString();
        };
        QCOMPARE(cell(0, CaregiverTableModel::RolesColumn), QStringLiteral("Support, Admin"));
        QCOMPARE(cell(0, CaregiverTableModel::StatusColumn), QStringLiteral("Active"));
        QCOMPARE(cell(2, CaregiverTableModel::StatusColumn), QStringLiteral("Deactivated"));
        QCOMPARE(model.index(2, 0).data(CaregiverTableModel::AccountStatusRole).toString(),
                 QStringLiteral("deactivated"));
        QCOMPARE(cell(3, CaregiverTableModel::StatusColumn), QStringLiteral("Invited"));
        QVERIFY(cell(3, CaregiverTableModel::InviteColumn).startsWith(QLatin1String("until ")));
        QCOMPARE(cell(3, CaregiverTableModel::LastSignInColumn), QStringLiteral("never"));

        // An invitation past its expiry says so.
        model.setClock([] { return QDateTime::currentMSecsSinceEpoch() + 100 * 3600 * 1000LL; });
        QCOMPARE(cell(3, CaregiverTableModel::StatusColumn),
                 QStringLiteral("Invited, code expired"));
        QVERIFY(cell(3, CaregiverTableModel::InviteColumn).startsWith(QLatin1String("expired ")));

        // A changed account replaces its row; a new one is appended.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        CaregiverAccountRow chen = model.rows().at(1);
        chen.active = false;
        chen.accountStatus = QStringLiteral("deactivated");
        model.upsert(chen);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(cell(1, CaregiverTableModel::StatusColumn), QStringLiteral("Deactivated"));
        model.upsert(account(9, QStringLiteral("nia"), QStringLiteral("Nia Brooks"),
                             {QStringLiteral("provider")}, QStringLiteral("invited")));
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.account(9)->displayName, QStringLiteral("Nia Brooks"));
    }

    void licensesLapsingSoonAreHighlightedAndCounted() {
        LicenseTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QDate today(2024, 6, 1);
        model.setToday(today);
        LicenseListing listing;
        listing.warnWithinDays = 30;
        listing.licenses = {
            license(1, 2, QStringLiteral("Dr. Wei Chen"), QStringLiteral("TX"), today.addDays(12)),
            license(2, 2, QStringLiteral("Dr. Wei Chen"), QStringLiteral("CA"), today.addDays(400)),
            license(3, 2, QStringLiteral("Dr. Wei Chen"), QStringLiteral("WA"), today.addDays(30)),
            // Pending: not in force, so no warning even though it lapses soon.
            license(4, 5, QStringLiteral("Dr. Nia Brooks"), QStringLiteral("OR"), today.addDays(5),
                    QStringLiteral("pending"))};
        for (auto &row : listing.licenses)
            row.inForce = row.status == QLatin1String("verified");
        listing.providersWithoutLicense = {{5, QStringLiteral("Dr. Nia Brooks")}};
        model.setListing(listing);
        QCOMPARE(model.lapsingCount(), 2);
        QVERIFY(model.index(0, 0).data(LicenseTableModel::LapsesSoonRole).toBool());
        QVERIFY(!model.index(1, 0).data(LicenseTableModel::LapsesSoonRole).toBool());
        QVERIFY(model.index(2, 0).data(LicenseTableModel::LapsesSoonRole).toBool()); // day 30
        QVERIFY(!model.index(3, 0).data(LicenseTableModel::LapsesSoonRole).toBool());
        QVERIFY(model.index(0, LicenseTableModel::NumberColumn).data(Qt::BackgroundRole).isValid());
        QVERIFY(
            !model.index(1, LicenseTableModel::NumberColumn).data(Qt::BackgroundRole).isValid());
        QCOMPARE(model.index(0, LicenseTableModel::ExpiresColumn).data().toString(),
                 QStringLiteral("2024-06-13 (in 12 day(s))"));
        QCOMPARE(model.index(1, LicenseTableModel::ExpiresColumn).data().toString(),
                 QStringLiteral("2025-07-06"));
        QCOMPARE(model.index(3, LicenseTableModel::StatusColumn).data().toString(),
                 QStringLiteral("Pending review"));
        QCOMPARE(model.index(3, LicenseTableModel::ReviewedColumn).data().toString(), QString());
        QVERIFY(model.index(0, LicenseTableModel::ReviewedColumn)
                    .data()
                    .toString()
                    .startsWith(QLatin1String("Alex Morgan, 2024-05-")));
        QCOMPARE(model.index(0, LicenseTableModel::InForceColumn).data().toString(),
                 QStringLiteral("Yes"));

        // Renewed: no longer counted.
        LicenseRow renewed = model.listing().licenses.at(0);
        renewed.expiresOn = today.addYears(2);
        model.upsert(renewed);
        QCOMPARE(model.lapsingCount(), 1);
        QCOMPARE(model.rowCount(), 4);
    }

    void providerWarningSaysWhatToDo() {
        const QDate today(2024, 6, 1);
        LicenseListing own;
        own.warnWithinDays = 30;
        // None at all: nobody can be routed to them.
        QVERIFY(LicenseStanding::providerWarning(own, today)
                    .startsWith(QLatin1String("You hold no license in force")));
        own.licenses = {license(1, 2, QStringLiteral("Dr. Wei Chen"), QStringLiteral("TX"),
                                today.addDays(200))};
        own.licenses[0].inForce = true;
        QCOMPARE(LicenseStanding::providerWarning(own, today), QString());
        own.licenses.append(
            license(2, 2, QStringLiteral("Dr. Wei Chen"), QStringLiteral("CA"), today.addDays(9)));
        own.licenses[1].inForce = true;
        const QString warning = LicenseStanding::providerWarning(own, today);
        QVERIFY2(warning.contains(QLatin1String("CA CA-1002 ends 2024-06-10 (in 9 days)")),
                 qPrintable(warning));
        QVERIFY(!warning.contains(QLatin1String("TX")));
        // Only expired or rejected ones: none in force.
        for (auto &row : own.licenses)
            row.inForce = false;
        QVERIFY(LicenseStanding::providerWarning(own, today)
                    .startsWith(QLatin1String("You hold no license in force")));
    }

    void importLinesSayWhatHappens() {
        ImportLineModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setLines(
            {{2, QStringLiteral("nia"), QStringLiteral("create"), QStringLiteral("create"), {}},
             {3,
              QStringLiteral("dr.chen"),
              QStringLiteral("unchanged"),
              QStringLiteral("none"),
              {}},
             {4,
              QStringLiteral("bad name"),
              {},
              {},
              QStringLiteral("a username uses only letters, digits and . _ - @")}});
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(0, ImportLineModel::CaregiverColumn).data().toString(),
                 QStringLiteral("New account"));
        QCOMPARE(model.index(0, ImportLineModel::LicenseColumn).data().toString(),
                 QStringLiteral("New license"));
        QCOMPARE(model.index(1, ImportLineModel::ResultColumn).data().toString(),
                 QStringLiteral("Nothing to change"));
        QCOMPARE(model.index(2, ImportLineModel::LineColumn).data().toInt(), 4);
        QVERIFY(model.index(2, 0).data(ImportLineModel::HasErrorRole).toBool());
        QVERIFY(model.index(2, 0).data(Qt::BackgroundRole).isValid());
        QCOMPARE(model.index(2, ImportLineModel::ResultColumn).data().toString(),
                 QStringLiteral("a username uses only letters, digits and . _ - @"));
        QCOMPARE(model.index(2, 0).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("Line 4: a username uses only letters, digits and . _ - @"));
    }

    void importFilesMustFitOneMessage() {
        const QByteArray header = "username,display_name,roles\n";
        QVERIFY(!ImportFile::problemWith(header + "nia,Nia Brooks,provider\n"));
        QVERIFY(ImportFile::problemWith("  \n")->contains(QLatin1String("empty")));
        const QByteArray tooLarge = header + QByteArray(60'001 - header.size(), 'a');
        QCOMPARE(tooLarge.size(), 60'001);
        const auto large = ImportFile::problemWith(tooLarge);
        QVERIFY(large);
        QVERIFY2(large->contains(QLatin1String("60,001 bytes")) &&
                     large->contains(QLatin1String("Split it")),
                 qPrintable(*large));
        QVERIFY(ImportFile::sizeProblem(2'000'000));
        QVERIFY(!ImportFile::sizeProblem(60'000));
        // Latin-1 from an old spreadsheet: say how to save it.
        QVERIFY(ImportFile::problemWith(header + "jose,Jos\xe9 P\xe9rez,support\n")
                    ->contains(QLatin1String("UTF-8")));
        // Under the byte limit, but quotes and line breaks double when escaped.
        QByteArray quoted = header;
        while (quoted.size() < 59'000)
            quoted += "\"a\",\"\"\"b\"\"\",\"c\"\r\n";
        QVERIFY(quoted.size() <= static_cast<qsizetype>(caredesk::protocol::kMaxImportCsvBytes));
        const auto escaped = ImportFile::problemWith(quoted);
        QVERIFY(escaped);
        QVERIFY2(escaped->contains(QLatin1String("encoded")), qPrintable(*escaped));
    }

    void csvFieldsAreQuotedAndSafe() {
        QCOMPARE(CsvText::record({QStringLiteral("a"), QStringLiteral("b,c"),
                                  QStringLiteral("=SUM(A1)"), QStringLiteral("say \"hi\"")}),
                 QStringLiteral("a,\"b,c\",'=SUM(A1),\"say \"\"hi\"\"\"\r\n"));
    }
};

QTEST_MAIN(OnboardingModelsTest)
#include "OnboardingModelsTest.moc"
