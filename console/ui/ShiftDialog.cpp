#include "ui/ShiftDialog.h"

#include "models/ProviderStatusText.h"
#include "state/ProviderStatusRow.h"

#include <QCheckBox>
#include <QDateTime>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTimeZone>
#include <QVBoxLayout>
#include <chrono>

namespace caredesk::console {

namespace {

using namespace std::chrono_literals;

// The server refuses a longer shift.
constexpr qint64 kMaxShiftMs = std::chrono::milliseconds(24h).count();
// A shift proposed where none is set: from the next quarter hour, this long.
constexpr qint64 kProposedShiftMs = std::chrono::milliseconds(8h).count();
constexpr qint64 kQuarterHourMs = std::chrono::milliseconds(15min).count();

QDateTime localTime(qint64 ms) {
    return QDateTime::fromMSecsSinceEpoch(ms).toLocalTime();
}

QDateTimeEdit *makeTimeEdit(QWidget *parent, const QString &name) {
    auto *edit = new QDateTimeEdit(parent);
    edit->setObjectName(name);
    edit->setCalendarPopup(true);
    // The weekday as well: a night shift ends on another day than it starts.
    edit->setDisplayFormat(QStringLiteral("ddd d MMM yyyy  ") + hourMinuteFormat());
    return edit;
}

} // namespace

ShiftDialog::ShiftDialog(std::optional<qint64> providerId, const ProviderStatusRow *provider,
                         qint64 nowMs, QWidget *parent)
    : QDialog(parent)
    , m_providerId(providerId)
    , m_nowMs(nowMs)
    , m_startsSet(new QCheckBox(tr("&Starts at"), this))
    , m_starts(makeTimeEdit(this, QStringLiteral("shiftStarts")))
    , m_endsSet(new QCheckBox(tr("&Ends at"), this))
    , m_ends(makeTimeEdit(this, QStringLiteral("shiftEnds")))
    , m_save(new QPushButton(tr("Save"), this))
    , m_clear(new QPushButton(tr("C&lear shift"), this)) {
    setObjectName(QStringLiteral("shiftDialog"));
    const bool own = !providerId.has_value();
    const QString name = provider ? provider->displayName : QString();
    setWindowTitle(own || name.isEmpty() ? tr("Your shift") : tr("Shift of %1").arg(name));
    m_startsSet->setObjectName(QStringLiteral("shiftStartsSet"));
    m_endsSet->setObjectName(QStringLiteral("shiftEndsSet"));
    m_save->setObjectName(QStringLiteral("saveShift"));
    m_save->setDefault(true);
    m_clear->setObjectName(QStringLiteral("clearShift"));
    m_clear->setToolTip(tr("No shift: offered patients whenever available"));

    auto *intro = new QLabel(
        own ? tr("You are offered patients only within your shift. Visits already yours stay "
                 "yours after it ends.")
            : tr("%1 is offered patients only within this shift.").arg(name),
        this);
    intro->setWordWrap(true);
    const bool hasShift = provider && provider->hasShift();
    auto *current = new QLabel(hasShift ? tr("Set now: %1").arg(shiftText(*provider, nowMs))
                                        : tr("No shift set now."),
                               this);
    current->setObjectName(QStringLiteral("currentShift"));
    current->setForegroundRole(QPalette::PlaceholderText);

    // What is set now, or a proposal: from now for a working day.
    const bool ended = hasShift && provider->shiftEndsAtMs && *provider->shiftEndsAtMs <= nowMs;
    const qint64 nextQuarter = (nowMs / kQuarterHourMs + 1) * kQuarterHourMs;
    if (hasShift && !ended) {
        m_startsSet->setChecked(provider->shiftStartsAtMs.has_value());
        m_endsSet->setChecked(provider->shiftEndsAtMs.has_value());
        m_starts->setDateTime(localTime(provider->shiftStartsAtMs.value_or(nextQuarter)));
        m_ends->setDateTime(localTime(provider->shiftEndsAtMs.value_or(
            provider->shiftStartsAtMs.value_or(nowMs) + kProposedShiftMs)));
    } else {
        m_startsSet->setChecked(false);
        m_endsSet->setChecked(true);
        m_starts->setDateTime(localTime(nextQuarter));
        m_ends->setDateTime(localTime(nextQuarter + kProposedShiftMs));
    }
    m_hasShift = hasShift;

    QLabel *startsError = FormErrors::makeLabel(this, QStringLiteral("startsAtError"));
    QLabel *endsError = FormErrors::makeLabel(this, QStringLiteral("endsAtError"));
    QLabel *general = FormErrors::makeLabel(this, QStringLiteral("generalError"));
    m_errors.addField(QStringLiteral("startsAt"), m_starts, startsError);
    m_errors.addField(QStringLiteral("endsAt"), m_ends, endsError);
    m_errors.setGeneralLabel(general);
    general->setWordWrap(true);

    auto *startsOpen = new QLabel(tr("unchecked: from now"), this);
    auto *endsOpen = new QLabel(tr("unchecked: no end"), this);
    for (QLabel *hint : {startsOpen, endsOpen})
        hint->setForegroundRole(QPalette::PlaceholderText);
    auto *grid = new QGridLayout;
    grid->setColumnStretch(1, 1);
    grid->addWidget(m_startsSet, 0, 0);
    grid->addWidget(m_starts, 0, 1);
    grid->addWidget(startsOpen, 0, 2);
    grid->addWidget(startsError, 1, 1, 1, 2);
    grid->addWidget(m_endsSet, 2, 0);
    grid->addWidget(m_ends, 2, 1);
    grid->addWidget(endsOpen, 2, 2);
    grid->addWidget(endsError, 3, 1, 1, 2);

    auto *zone = new QLabel(
        tr("Times in this computer's zone (%1). A shift is at most 24 hours.")
            .arg(QTimeZone::systemTimeZone().displayName(localTime(nowMs), QTimeZone::ShortName)),
        this);
    zone->setWordWrap(true);
    zone->setForegroundRole(QPalette::PlaceholderText);

    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_clear, QDialogButtonBox::ResetRole);
    buttons->addButton(m_save, QDialogButtonBox::AcceptRole);
    buttons->addButton(QDialogButtonBox::Cancel);
    connect(m_save, &QPushButton::clicked, this, [this] { submit(request()); });
    connect(m_clear, &QPushButton::clicked, this, [this] {
        submit(ShiftRequest{m_providerId, std::nullopt, std::nullopt});
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(current);
    layout->addSpacing(4);
    layout->addLayout(grid);
    layout->addWidget(zone);
    layout->addWidget(general);
    layout->addWidget(buttons);
    setMinimumWidth(460);

    const auto edited = [this](const QString &field) {
        m_serverErrors.remove(field);
        m_errors.setGeneral({});
        validate();
    };
    connect(m_startsSet, &QCheckBox::toggled, this,
            [edited] { edited(QStringLiteral("startsAt")); });
    connect(m_starts, &QDateTimeEdit::dateTimeChanged, this,
            [edited] { edited(QStringLiteral("startsAt")); });
    connect(m_endsSet, &QCheckBox::toggled, this, [edited] { edited(QStringLiteral("endsAt")); });
    connect(m_ends, &QDateTimeEdit::dateTimeChanged, this,
            [edited] { edited(QStringLiteral("endsAt")); });
    validate();
    m_ends->setFocus();
}

ShiftRequest ShiftDialog::request() const {
    const auto msOf = [](const QDateTimeEdit *edit) {
        QDateTime at = edit->dateTime();
        at.setTime(QTime(at.time().hour(), at.time().minute()));
        return at.toMSecsSinceEpoch();
    };
    ShiftRequest request;
    request.providerId = m_providerId;
    if (m_startsSet->isChecked())
        request.startsAtMs = msOf(m_starts);
    if (m_endsSet->isChecked())
        request.endsAtMs = msOf(m_ends);
    return request;
}

void ShiftDialog::validate() {
    m_startsSet->setEnabled(!m_busy);
    m_endsSet->setEnabled(!m_busy);
    m_starts->setEnabled(m_startsSet->isChecked() && !m_busy);
    m_ends->setEnabled(m_endsSet->isChecked() && !m_busy);
    const ShiftRequest shift = request();
    QString endProblem;
    if (shift.endsAtMs) {
        if (shift.startsAtMs && *shift.endsAtMs <= *shift.startsAtMs)
            endProblem = tr("The shift must end after it starts.");
        else if (*shift.endsAtMs <= m_nowMs)
            endProblem = tr("This time has passed.");
        else if (*shift.endsAtMs - shift.startsAtMs.value_or(m_nowMs) > kMaxShiftMs)
            endProblem = tr("A shift is at most 24 hours.");
    }
    const QString startsServer = m_serverErrors.value(QStringLiteral("startsAt"));
    const QString endsServer = m_serverErrors.value(QStringLiteral("endsAt"));
    m_errors.set(QStringLiteral("startsAt"), startsServer);
    m_errors.set(QStringLiteral("endsAt"), endsServer.isEmpty() ? endProblem : endsServer);
    m_save->setEnabled(endProblem.isEmpty() && !m_busy);
    m_clear->setEnabled(m_hasShift && !m_busy);
}

void ShiftDialog::submit(const ShiftRequest &shift) {
    if (m_busy)
        return;
    m_errors.setGeneral({});
    setBusy(true);
    emit saveRequested(shift);
}

void ShiftDialog::setBusy(bool busy) {
    m_busy = busy;
    m_save->setText(busy ? tr("Saving…") : tr("Save"));
    validate();
}

void ShiftDialog::showSaved() {
    setBusy(false);
    accept();
}

void ShiftDialog::showFailure(const RequestFailure &failure) {
    QString text = failure.message.isEmpty() ? failure.code : failure.message;
    if (failure.code == QLatin1String("unavailable"))
        text = tr("Not sent: %1. Try again in a moment.").arg(failure.message);
    else if (failure.code == QLatin1String("not_a_provider"))
        text = tr("Not a provider (any more): %1").arg(failure.message);
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    const QString key = m_errors.keyOf(failure.field);
    if (!key.isEmpty())
        m_serverErrors.insert(key, text);
    setBusy(false);
    m_errors.showServerError(failure.field, text);
    if (key.isEmpty())
        m_errors.setGeneral(text);
}

} // namespace caredesk::console
