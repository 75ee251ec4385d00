#include "ui/CaregiverImportPage.h"

#include "models/CsvText.h"
#include "models/ImportLineModel.h"
#include "state/ImportFile.h"
#include "ui/InvitationDialog.h"

#include <QClipboard>
#include <QDateTime>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace caredesk::console {

namespace {
// Local time with its offset from UTC, e.g. 2024-06-04T14:05:00-05:00.
QString withOffset(qint64 ms) {
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(ms).toLocalTime();
    return local.toOffsetFromUtc(local.offsetFromUtc()).toString(Qt::ISODate);
}
} // namespace

CaregiverImportPage::CaregiverImportPage(QWidget *parent)
    : QWidget(parent)
    , m_lines(new ImportLineModel(this))
    , m_choose(new QPushButton(tr("Choose CSV file…"), this))
    , m_file(new QLabel(this))
    , m_preview(new QPushButton(tr("Preview"), this))
    , m_apply(new QPushButton(tr("Apply"), this))
    , m_summary(new QLabel(this))
    , m_lineTable(new QTableView(this))
    , m_invitationBox(new QWidget(this))
    , m_invitations(new QTableWidget(0, 4, m_invitationBox))
    , m_copyAll(new QPushButton(tr("Copy all"), m_invitationBox))
    , m_saveInvitations(new QPushButton(tr("Save as CSV…"), m_invitationBox)) {
    setObjectName(QStringLiteral("caregiverImportPage"));
    m_openPath = [this] {
        return QFileDialog::getOpenFileName(this, tr("Import caregivers"), QString(),
                                            tr("CSV files (*.csv);;All files (*)"));
    };
    m_savePath = [this] {
        return QFileDialog::getSaveFileName(this, tr("Save the invitations"),
                                            QStringLiteral("invitations.csv"),
                                            tr("CSV files (*.csv)"));
    };

    m_choose->setObjectName(QStringLiteral("chooseImportFile"));
    m_file->setObjectName(QStringLiteral("importFile"));
    m_file->setTextFormat(Qt::PlainText);
    m_file->setText(tr("No file chosen."));
    m_preview->setObjectName(QStringLiteral("previewImport"));
    m_preview->setToolTip(tr("A dry run: says what every line would do; nothing changes"));
    m_apply->setObjectName(QStringLiteral("applyImport"));
    m_apply->setToolTip(tr("Applies every line in one go, after a preview without errors"));
    m_summary->setObjectName(QStringLiteral("importSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_lineTable->setObjectName(QStringLiteral("importLines"));
    m_lineTable->setModel(m_lines);
    m_lineTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_lineTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_lineTable->verticalHeader()->hide();
    m_lineTable->setWordWrap(false);
    QHeaderView *header = m_lineTable->horizontalHeader();
    header->resizeSection(ImportLineModel::LineColumn, 50);
    header->resizeSection(ImportLineModel::UsernameColumn, 150);
    header->resizeSection(ImportLineModel::CaregiverColumn, 120);
    header->resizeSection(ImportLineModel::LicenseColumn, 170);
    header->setStretchLastSection(true);

    m_invitations->setObjectName(QStringLiteral("importInvitations"));
    m_invitations->setHorizontalHeaderLabels(
        {tr("Username"), tr("Name"), tr("Activation code"), tr("Valid until")});
    m_invitations->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_invitations->verticalHeader()->hide();
    m_invitations->horizontalHeader()->setStretchLastSection(true);
    m_invitations->horizontalHeader()->resizeSection(0, 140);
    m_invitations->horizontalHeader()->resizeSection(1, 170);
    m_invitations->horizontalHeader()->resizeSection(2, 330);
    m_copyAll->setObjectName(QStringLiteral("copyAllInvitations"));
    m_saveInvitations->setObjectName(QStringLiteral("saveInvitations"));
    auto *invitationHeading =
        new QLabel(tr("Invitations for the new accounts: pass each code on to its caregiver. "
                      "They are shown here until this window closes, and never again."),
                   m_invitationBox);
    invitationHeading->setWordWrap(true);
    auto *invitationButtons = new QHBoxLayout;
    invitationButtons->addWidget(invitationHeading, 1);
    invitationButtons->addWidget(m_copyAll);
    invitationButtons->addWidget(m_saveInvitations);
    auto *invitationLayout = new QVBoxLayout(m_invitationBox);
    invitationLayout->setContentsMargins(0, 4, 0, 0);
    invitationLayout->addLayout(invitationButtons);
    invitationLayout->addWidget(m_invitations, 1);
    m_invitationBox->hide();

    auto *format = new QLabel(
        tr("One line per caregiver, or per license of a caregiver (repeat their columns). "
           "Columns: username, display_name, roles (e.g. provider;admin) — required; email, "
           "phone; state, license_number, expires_on — a license; license_type, issued_on, "
           "license_status. Dates as YYYY-MM-DD; at most 60,000 bytes per file."),
        this);
    format->setWordWrap(true);
    format->setForegroundRole(QPalette::PlaceholderText);

    auto *top = new QHBoxLayout;
    top->addWidget(m_choose);
    top->addWidget(m_file, 1);
    top->addWidget(m_preview);
    top->addWidget(m_apply);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_lineTable);
    split->addWidget(m_invitationBox);
    split->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(format);
    layout->addWidget(m_summary);
    layout->addWidget(split, 1);

    connect(m_choose, &QPushButton::clicked, this, [this] {
        const QString path = m_openPath ? m_openPath() : QString();
        if (!path.isEmpty())
            chooseFile(path);
    });
    connect(m_preview, &QPushButton::clicked, this, &CaregiverImportPage::preview);
    connect(m_apply, &QPushButton::clicked, this, &CaregiverImportPage::apply);
    connect(m_copyAll, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(invitationsText());
        setSummary(
            tr("%n invitation(s) copied.", nullptr, static_cast<int>(m_shownInvitations.size())));
    });
    connect(m_saveInvitations, &QPushButton::clicked, this, &CaregiverImportPage::saveInvitations);
    updateButtons();
}

QString CaregiverImportPage::summaryText() const {
    return m_summary->text();
}

QString CaregiverImportPage::fileText() const {
    return m_file->text();
}

void CaregiverImportPage::setSummary(const QString &text, bool error) {
    QPalette colours = palette();
    if (error)
        colours.setColor(QPalette::WindowText, QColor(0xb9, 0x1c, 0x1c));
    m_summary->setPalette(colours);
    m_summary->setText(text);
}

void CaregiverImportPage::updateButtons() {
    const bool idle = m_pending == Pending::None;
    m_choose->setEnabled(idle);
    m_preview->setEnabled(idle && !m_path.isEmpty());
    m_apply->setEnabled(idle && !m_previewed.isEmpty());
}

void CaregiverImportPage::chooseFile(const QString &path) {
    m_path = path;
    m_previewed.clear();
    m_lines->setLines({});
    m_file->setText(QFileInfo(path).fileName());
    m_file->setToolTip(path);
    if (readFile())
        setSummary(tr("Preview the file to see what it would do; nothing changes until you "
                      "apply it."));
    updateButtons();
}

std::optional<QByteArray> CaregiverImportPage::readFile() {
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly)) {
        setSummary(tr("Cannot read %1: %2").arg(m_path, file.errorString()), true);
        return std::nullopt;
    }
    // A file far too large is refused by its size, without reading it.
    if (const auto problem = ImportFile::sizeProblem(file.size())) {
        setSummary(*problem, true);
        return std::nullopt;
    }
    const QByteArray content = file.readAll();
    if (const auto problem = ImportFile::problemWith(content)) {
        setSummary(*problem, true);
        return std::nullopt;
    }
    return content;
}

void CaregiverImportPage::preview() {
    if (m_pending != Pending::None || m_path.isEmpty())
        return;
    m_previewed.clear();
    const auto content = readFile();
    if (!content) {
        updateButtons();
        return;
    }
    m_sent = *content;
    m_pending = Pending::Preview;
    setSummary(tr("Checking every line…"));
    updateButtons();
    emit importRequested(m_sent, false);
}

void CaregiverImportPage::apply() {
    if (m_pending != Pending::None || m_previewed.isEmpty())
        return;
    const auto content = readFile();
    if (!content || *content != m_previewed) {
        m_previewed.clear();
        if (content)
            setSummary(tr("The file changed since the preview. Preview it again before "
                          "applying it."),
                       true);
        updateButtons();
        return;
    }
    m_sent = *content;
    m_pending = Pending::Apply;
    setSummary(tr("Applying…"));
    updateButtons();
    emit importRequested(m_sent, true);
}

void CaregiverImportPage::showReport(const ImportOutcome &outcome) {
    const Pending pending = std::exchange(m_pending, Pending::None);
    m_lines->setLines(outcome.lines);
    const int lines = static_cast<int>(outcome.lines.size());
    const QString counts =
        tr("%1 account(s) new, %2 changed; %3 license(s) new, %4 changed; %5 line(s) unchanged.")
            .arg(outcome.caregiversCreated)
            .arg(outcome.caregiversUpdated)
            .arg(outcome.licensesCreated)
            .arg(outcome.licensesUpdated)
            .arg(outcome.unchanged);
    if (outcome.errors > 0) {
        m_previewed.clear();
        setSummary(tr("%n line(s) cannot be applied (marked in red, with the reason). Correct "
                      "them in the file and preview it again; nothing was changed.",
                      nullptr, static_cast<int>(outcome.errors)),
                   true);
    } else if (outcome.applied) {
        m_previewed.clear();
        setSummary(tr("Applied %n line(s): ", nullptr, lines) + counts);
        showInvitations(outcome.invitations);
    } else if (pending == Pending::Preview || !outcome.applyRequested) {
        m_previewed = m_sent;
        const bool nothing = outcome.caregiversCreated + outcome.caregiversUpdated +
                                 outcome.licensesCreated + outcome.licensesUpdated ==
                             0;
        setSummary(nothing ? tr("Preview of %n line(s): everything is unchanged; applying "
                                "would change nothing.",
                                nullptr, lines)
                           : tr("Preview of %n line(s), nothing changed yet. Applying would "
                                "make: ",
                                nullptr, lines) +
                                 counts);
    } else {
        setSummary(tr("The server did not apply the file. Preview it again."), true);
    }
    updateButtons();
}

void CaregiverImportPage::showFailed(const RequestFailure &failure) {
    const Pending pending = std::exchange(m_pending, Pending::None);
    m_previewed.clear();
    QString text = failure.message;
    if (failure.code == QLatin1String("too_large"))
        text = tr("The file is too large for one import. Split it into smaller files, each "
                  "starting with the header line.");
    else if (failure.code == QLatin1String("forbidden"))
        text = tr("Only admins import caregivers.");
    else if (failure.code == QLatin1String("unavailable"))
        text = tr("Not sent: %1. Try again in a moment.").arg(failure.message);
    setSummary(
        (pending == Pending::Apply ? tr("Not applied: %1") : tr("Cannot preview: %1")).arg(text),
        true);
    updateButtons();
}

void CaregiverImportPage::clear() {
    m_pending = Pending::None;
    m_path.clear();
    m_sent.clear();
    m_previewed.clear();
    m_lines->setLines({});
    m_file->setText(tr("No file chosen."));
    m_file->setToolTip({});
    setSummary({});
    showInvitations({});
    updateButtons();
}

void CaregiverImportPage::showInvitations(const QList<ImportedInvitation> &invitations) {
    m_shownInvitations = invitations;
    m_invitations->setRowCount(static_cast<int>(invitations.size()));
    for (int row = 0; row < invitations.size(); ++row) {
        const ImportedInvitation &invitation = invitations[row];
        const QStringList cells{invitation.username, invitation.displayName, invitation.code,
                                InvitationDialog::localExpiry(invitation.expiresAtMs)};
        for (int column = 0; column < cells.size(); ++column)
            m_invitations->setItem(row, column, new QTableWidgetItem(cells[column]));
    }
    m_invitationBox->setVisible(!invitations.isEmpty());
}

QString CaregiverImportPage::invitationsText() const {
    QString text;
    for (const ImportedInvitation &invitation : m_shownInvitations)
        text += tr("%1\t%2\t%3\tvalid until %4\n")
                    .arg(invitation.username, invitation.displayName, invitation.code,
                         InvitationDialog::localExpiry(invitation.expiresAtMs));
    return text;
}

void CaregiverImportPage::saveInvitations() {
    const QString path = m_savePath ? m_savePath() : QString();
    if (path.isEmpty())
        return;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        setSummary(tr("Could not write %1: %2").arg(path, file.errorString()), true);
        return;
    }
    file.write(CsvText::record({QStringLiteral("username"), QStringLiteral("display_name"),
                                QStringLiteral("activation_code"), QStringLiteral("valid_until")})
                   .toUtf8());
    for (const ImportedInvitation &invitation : std::as_const(m_shownInvitations))
        file.write(CsvText::record({invitation.username, invitation.displayName, invitation.code,
                                    withOffset(invitation.expiresAtMs)})
                       .toUtf8());
    if (!file.commit()) {
        setSummary(tr("Could not write %1: %2").arg(path, file.errorString()), true);
        return;
    }
    setSummary(tr("Saved %n invitation(s) to %1. Keep the file safe and delete it once the codes "
                  "are passed on.",
                  nullptr, static_cast<int>(m_shownInvitations.size()))
                   .arg(path));
}

} // namespace caredesk::console
