#include "ui/BannerView.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

namespace caredesk::console {

namespace {
// Long enough to read two sentences twice; errors stay a little longer.
constexpr int kInformationMs = 8000;
constexpr int kErrorMs = 20000;
} // namespace

BannerView::BannerView(QWidget *parent)
    : QFrame(parent)
    , m_text(new QLabel(this)) {
    setObjectName(QStringLiteral("banner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    m_text->setObjectName(QStringLiteral("bannerText"));
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText); // patient names and server text, never markup
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *close = new QToolButton(this);
    close->setObjectName(QStringLiteral("bannerClose"));
    close->setAutoRaise(true);
    close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    close->setToolTip(tr("Dismiss"));
    close->setFocusPolicy(Qt::NoFocus);
    connect(close, &QToolButton::clicked, this, &BannerView::dismiss);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 4, 6);
    layout->addWidget(m_text, 1);
    layout->addWidget(close, 0, Qt::AlignTop);

    m_hideTimer.setSingleShot(true);
    connect(&m_hideTimer, &QTimer::timeout, this, &BannerView::dismiss);
    hide();
}

void BannerView::showMessage(Kind kind, const QString &text) {
    m_kind = kind;
    m_text->setText(text);
    QPalette colours = palette();
    const bool error = kind == Kind::Error;
    colours.setColor(QPalette::Window, error ? QColor(0xfb, 0xe3, 0xe4) : QColor(0xe3, 0xef, 0xfb));
    colours.setColor(QPalette::WindowText,
                     error ? QColor(0x84, 0x20, 0x29) : QColor(0x0b, 0x3d, 0x6e));
    setPalette(colours);
    m_text->setPalette(colours);
    show();
    m_hideTimer.start(error ? kErrorMs : kInformationMs);
}

void BannerView::dismiss() {
    m_hideTimer.stop();
    hide();
}

QString BannerView::text() const {
    return isHidden() ? QString() : m_text->text();
}

} // namespace caredesk::console
