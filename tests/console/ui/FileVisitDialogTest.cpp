#include "ui/FileVisitDialog.h"

#include "QueueBoardSamples.h"
#include "protocol/Messages.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateEdit>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

using caredesk::console::FiledVisit;
using caredesk::console::FileVisitDialog;
using caredesk::console::IntakeRefusal;
using caredesk::console::StateQueueRow;
using caredesk::console::test::stateQueue;
using caredesk::protocol::FileVisit;

namespace {

std::vector<StateQueueRow> boardStates() {
    return {StateQueueRow::fromProtocol(stateQueue("TX", "Texas", "busy")),
            StateQueueRow::fromProtocol(stateQueue("AZ", "Arizona")),
            StateQueueRow::fromProtocol(stateQueue("NY", "New York", "closed"))};
}

const QUrl kServer(QStringLiteral("ws://127.0.0.1:8080/ws"));
const QString kToken = QStringLiteral("pQ2c9Xv-Lr0tWm4Jk8aZ1bN7sDfGhE5uIo3yTnA6Mzk");

template <class T>
T *child(const QWidget &parent, const char *name) {
    auto *found = parent.findChild<T *>(QLatin1String(name));
    if (!found)
        qFatal("no child %s", name);
    return found;
}

void fillInAllButTheDate(FileVisitDialog &dialog) {
    QTest::keyClicks(child<QLineEdit>(dialog, "firstName"), QStringLiteral("Ana"));
    QTest::keyClicks(child<QLineEdit>(dialog, "lastName"), QStringLiteral("Reyes"));
    QTest::keyClicks(child<QPlainTextEdit>(dialog, "reason"),
                     QStringLiteral("Follow-up call from the nurse line"));
    QTest::keyClicks(child<QLineEdit>(dialog, "contact"), QStringLiteral("+1 512 555 0199"));
    child<QCheckBox>(dialog, "consent")->setChecked(true);
}

void fillIn(FileVisitDialog &dialog) {
    fillInAllButTheDate(dialog);
    child<QDateEdit>(dialog, "dateOfBirth")->setDate(QDate(1990, 6, 15));
}

} // namespace

class FileVisitDialogTest : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void listsTheBoardsStatesWithTheCurrentOnePicked();
    void emptyFormShowsEveryProblemNextToItsField();
    void limitsAreTheProtocols_data();
    void limitsAreTheProtocols();
    void dateOfBirthIsTyped_data();
    void dateOfBirthIsTyped();
    void filledFormSendsTheRequest();
    void acceptedVisitShowsThePatientLink();
    void refusalIsShownWithItsReason();
    void serverErrorsGoNextToTheirField();

private:
    std::unique_ptr<FileVisitDialog> m_dialog;
};

void FileVisitDialogTest::init() {
    m_dialog = std::make_unique<FileVisitDialog>(boardStates(), QStringLiteral("AZ"), kServer);
    m_dialog->show();
    QVERIFY(QTest::qWaitForWindowActive(m_dialog.get()));
}

void FileVisitDialogTest::cleanup() {
    m_dialog.reset();
}

void FileVisitDialogTest::listsTheBoardsStatesWithTheCurrentOnePicked() {
    auto *state = child<QComboBox>(*m_dialog, "state");
    QCOMPARE(state->count(), 3);
    QCOMPARE(state->itemText(0), QStringLiteral("Arizona (AZ) · open")); // by name
    QCOMPARE(state->itemText(2), QStringLiteral("Texas (TX) · busy"));
    QCOMPARE(state->currentData().toString(), QStringLiteral("AZ"));

    FileVisitDialog none(boardStates(), {}, kServer);
    QCOMPARE(child<QComboBox>(none, "state")->currentIndex(), -1); // nobody is anywhere by default
}

void FileVisitDialogTest::emptyFormShowsEveryProblemNextToItsField() {
    FileVisitDialog dialog(boardStates(), {}, kServer);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    QSignalSpy submitted(&dialog, &FileVisitDialog::submitted);
    QTest::mouseClick(child<QPushButton>(dialog, "file"), Qt::LeftButton);
    QCOMPARE(submitted.size(), 0);
    for (const char *field :
         {"state", "firstName", "lastName", "dateOfBirth", "reason", "contact", "consent"})
        QVERIFY2(!dialog.problemText(QLatin1String(field)).isEmpty(), field);
    QCOMPARE(dialog.problemText(QStringLiteral("priority")), QString());
    QCOMPARE(dialog.problemText(QStringLiteral("consent")),
             QStringLiteral("A visit can be filed only once the patient agreed to the terms."));
    QTRY_VERIFY(child<QComboBox>(dialog, "state")->hasFocus()); // the first problem

    // Fixed fields lose their problem at the next try.
    QTest::keyClicks(child<QLineEdit>(dialog, "firstName"), QStringLiteral("Ana"));
    QTest::mouseClick(child<QPushButton>(dialog, "file"), Qt::LeftButton);
    QCOMPARE(dialog.problemText(QStringLiteral("firstName")), QString());
    QVERIFY(!dialog.problemText(QStringLiteral("lastName")).isEmpty());
}

void FileVisitDialogTest::limitsAreTheProtocols_data() {
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("accepted");
    const QString ten = QStringLiteral("\u00e9").repeated(10); // 2 bytes each
    QTest::newRow("name of 100 bytes") << "firstName" << QString(100, QLatin1Char('a')) << true;
    QTest::newRow("name of 100 letters, 200 bytes") << "firstName" << ten.repeated(10) << false;
    QTest::newRow("reason of 1000 bytes") << "reason" << QString(1000, QLatin1Char('r')) << true;
    QTest::newRow("reason of 1001 bytes") << "reason" << QString(1001, QLatin1Char('r')) << false;
    QTest::newRow("contact of 2 bytes") << "contact"
                                        << "55" << false;
    QTest::newRow("contact of 3 bytes") << "contact"
                                        << "555" << true;
    QTest::newRow("contact of 201 bytes") << "contact" << QString(201, QLatin1Char('5')) << false;
    QTest::newRow("born 1899") << "dateOfBirth"
                               << "1899-12-31" << false;
    QTest::newRow("born 1900") << "dateOfBirth"
                               << "1900-01-01" << true;
    QTest::newRow("born tomorrow")
        << "dateOfBirth" << QDate::currentDate().addDays(1).toString(Qt::ISODate) << false;
    QTest::newRow("priority 10") << "priority"
                                 << "10" << false;
}

void FileVisitDialogTest::limitsAreTheProtocols() {
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(bool, accepted);
    FileVisit request;
    request.patient = {"TX", "Ana", "Reyes", "1990-06-15", "Follow-up call", "+1 512 555", true};
    const std::string text = value.toStdString();
    if (field == QLatin1String("firstName"))
        request.patient.firstName = text;
    else if (field == QLatin1String("reason"))
        request.patient.reason = text;
    else if (field == QLatin1String("contact"))
        request.patient.contact = text;
    else if (field == QLatin1String("dateOfBirth"))
        request.patient.dateOfBirth = text;
    else if (field == QLatin1String("priority"))
        request.priority = value.toInt();
    const auto problems = FileVisitDialog::problemsOf(request, QDate::currentDate());
    QCOMPARE(problems.contains(field), !accepted);
    QCOMPARE(problems.size(), accepted ? 0 : 1);
}

void FileVisitDialogTest::dateOfBirthIsTyped_data() {
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QDate>("date");
    QTest::newRow("with dashes") << "1984-02-29" << QDate(1984, 2, 29);
    QTest::newRow("digits only") << "19840229" << QDate(1984, 2, 29);
    QTest::newRow("one-digit month") << "1990-6-15" << QDate(1990, 6, 15);
    QTest::newRow("slashes") << "2001/12/03" << QDate(2001, 12, 3);
    // Left half typed: nothing, rather than a date nobody meant.
    QTest::newRow("only a year") << "1984" << QDate();
}

void FileVisitDialogTest::dateOfBirthIsTyped() {
    QFETCH(QString, typed);
    QFETCH(QDate, date);
    auto *edit = child<QDateEdit>(*m_dialog, "dateOfBirth");
    QCOMPARE(edit->text(), QStringLiteral("YYYY-MM-DD")); // nothing picked yet
    edit->setFocus(Qt::TabFocusReason);
    QTest::keyClicks(edit, typed);
    child<QLineEdit>(*m_dialog, "contact")->setFocus(Qt::MouseFocusReason); // on elsewhere
    QTRY_VERIFY(!edit->hasFocus());
    QSignalSpy submitted(m_dialog.get(), &FileVisitDialog::submitted);
    fillInAllButTheDate(*m_dialog);
    if (!date.isValid()) {
        QCOMPARE(edit->text(), QStringLiteral("YYYY-MM-DD"));
        QTest::mouseClick(child<QPushButton>(*m_dialog, "file"), Qt::LeftButton);
        QCOMPARE(m_dialog->problemText(QStringLiteral("dateOfBirth")),
                 QStringLiteral("Enter the date of birth."));
        return;
    }
    QCOMPARE(edit->date(), date);
    QTest::mouseClick(child<QPushButton>(*m_dialog, "file"), Qt::LeftButton);
    QCOMPARE(submitted.size(), 1);
    QCOMPARE(submitted.at(0).at(0).value<FileVisit>().patient.dateOfBirth,
             date.toString(Qt::ISODate).toStdString());
}

void FileVisitDialogTest::filledFormSendsTheRequest() {
    QSignalSpy submitted(m_dialog.get(), &FileVisitDialog::submitted);
    fillIn(*m_dialog);
    child<QSpinBox>(*m_dialog, "priority")->setValue(5);
    child<QComboBox>(*m_dialog, "state")->setCurrentIndex(2); // Texas
    QTest::mouseClick(child<QPushButton>(*m_dialog, "file"), Qt::LeftButton);
    QCOMPARE(submitted.size(), 1);
    const auto request = submitted.at(0).at(0).value<FileVisit>();
    nlohmann::json body = nlohmann::json::object();
    caredesk::protocol::toJson(body, request);
    QCOMPARE(QString::fromStdString(body.dump()),
             QStringLiteral("{\"consent\":true,\"contact\":\"+1 512 555 0199\","
                            "\"dateOfBirth\":\"1990-06-15\",\"firstName\":\"Ana\","
                            "\"lastName\":\"Reyes\",\"priority\":5,"
                            "\"reason\":\"Follow-up call from the nurse line\",\"state\":\"TX\"}"));
    // Waiting for the answer: no second request.
    QVERIFY(m_dialog->isFiling());
    QVERIFY(!child<QPushButton>(*m_dialog, "file")->isEnabled());
    QTest::mouseClick(child<QPushButton>(*m_dialog, "file"), Qt::LeftButton);
    QCOMPARE(submitted.size(), 1);
    // Nor can it be closed: the answer may carry the patient's link.
    QTest::keyClick(m_dialog.get(), Qt::Key_Escape);
    QVERIFY(m_dialog->isVisible());
    m_dialog->showFailed(QStringLiteral("unavailable"), QStringLiteral("link lost"), {});
    QTest::keyClick(m_dialog.get(), Qt::Key_Escape);
    QVERIFY(!m_dialog->isVisible());
}

void FileVisitDialogTest::acceptedVisitShowsThePatientLink() {
    fillIn(*m_dialog);
    QTest::mouseClick(child<QPushButton>(*m_dialog, "file"), Qt::LeftButton);
    QVERIFY(m_dialog->isFiling());
    m_dialog->showFiled(FiledVisit{kToken, 5012, QStringLiteral("AZ"), 3, 1260});
    QCOMPARE(m_dialog->linkText(), QStringLiteral("http://127.0.0.1:8080/#visit=") + kToken);
    QCOMPARE(m_dialog->filedText(),
             QStringLiteral("Ana Reyes is number 3 in line in Arizona. Estimated wait: 21 min."));
    auto *link = child<QLineEdit>(*m_dialog, "patientLink");
    QVERIFY(link->isVisible());
    QVERIFY(link->isReadOnly());
    QVERIFY(child<QLabel>(*m_dialog, "linkNote")
                ->text()
                .contains(QLatin1String("only to the patient")));

    QTest::mouseClick(child<QPushButton>(*m_dialog, "copyLink"), Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text(), m_dialog->linkText());
    QCOMPARE(child<QLabel>(*m_dialog, "copied")->text(), QStringLiteral("Copied."));

    // Filing another starts afresh: the link (and its token) is gone.
    QTest::mouseClick(child<QPushButton>(*m_dialog, "fileAnother"), Qt::LeftButton);
    QCOMPARE(m_dialog->linkText(), QString());
    QCOMPARE(child<QLineEdit>(*m_dialog, "firstName")->text(), QString());
    QVERIFY(child<QLineEdit>(*m_dialog, "firstName")->isVisible());

    // Over TLS, behind a path.
    FileVisitDialog secure(boardStates(), QStringLiteral("AZ"),
                           QUrl(QStringLiteral("wss://care.example.org/desk/ws")));
    fillIn(secure);
    QTest::mouseClick(child<QPushButton>(secure, "file"), Qt::LeftButton);
    secure.showFiled(FiledVisit{kToken, 5013, QStringLiteral("AZ"), {}, {}});
    QCOMPARE(secure.linkText(), QStringLiteral("https://care.example.org/desk/#visit=") + kToken);
    QCOMPARE(secure.filedText(), QStringLiteral("Ana Reyes is in line in Arizona."));
}

void FileVisitDialogTest::refusalIsShownWithItsReason() {
    fillIn(*m_dialog);
    QTest::mouseClick(child<QPushButton>(*m_dialog, "file"), Qt::LeftButton);
    m_dialog->showRefused(IntakeRefusal{QStringLiteral("at_capacity"),
                                        QStringLiteral("Arizona cannot take more visits today."),
                                        {},
                                        {}});
    QCOMPARE(m_dialog->noticeText(),
             QStringLiteral("Not filed: the line is full. Arizona cannot take more visits today."));
    QVERIFY(!m_dialog->isFiling());
    QVERIFY(child<QPushButton>(*m_dialog, "file")->isEnabled());
    QCOMPARE(m_dialog->linkText(), QString());
    // The form is kept, to try again (a priority, another state).
    QCOMPARE(child<QLineEdit>(*m_dialog, "firstName")->text(), QStringLiteral("Ana"));

    QTest::mouseClick(child<QPushButton>(*m_dialog, "file"), Qt::LeftButton);
    QVERIFY(m_dialog->noticeText().isEmpty()); // the old refusal goes with a new try
    m_dialog->showRefused(IntakeRefusal{
        QStringLiteral("closed"), QStringLiteral("Arizona is closed now."), 1'700'060'400'000, {}});
    QVERIFY2(m_dialog->noticeText().startsWith(
                 QLatin1String("Not filed: the state is closed. Arizona is closed now. Opens "
                               "again ")),
             qPrintable(m_dialog->noticeText()));
}

void FileVisitDialogTest::serverErrorsGoNextToTheirField() {
    fillIn(*m_dialog);
    QTest::mouseClick(child<QPushButton>(*m_dialog, "file"), Qt::LeftButton);
    m_dialog->showFailed(QStringLiteral("out_of_range"),
                         QStringLiteral("body.dateOfBirth must not be in the future"),
                         QStringLiteral("body.dateOfBirth"));
    QCOMPARE(m_dialog->problemText(QStringLiteral("dateOfBirth")),
             QStringLiteral("body.dateOfBirth must not be in the future"));
    QTRY_VERIFY(child<QDateEdit>(*m_dialog, "dateOfBirth")->hasFocus());
    QVERIFY(m_dialog->noticeText().isEmpty());

    // Without a field of the form: above it.
    QTest::mouseClick(child<QPushButton>(*m_dialog, "file"), Qt::LeftButton);
    m_dialog->showFailed(QStringLiteral("forbidden"), QStringLiteral("support or admin only"), {});
    QCOMPARE(m_dialog->noticeText(), QStringLiteral("Not filed: support or admin only"));
}

QTEST_MAIN(FileVisitDialogTest)
#include "FileVisitDialogTest.moc"
