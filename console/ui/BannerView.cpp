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
    switch (kind) {
    case Kind::Error:
        colours.setColor(QPalette::Window, QColor(0xfb, 0xe3, 0xe4));
        colours.setColor(QPalette::WindowText, QColor(0x84, 0x20, 0x29));
        break;
    case Kind::Warning:
        colours.setColor(QPalette::Window, QColor(0xfd, 0xf0, 0xc8));
        colours.setColor(QPalette::WindowText, QColor(0x6b, 0x3a, 0x05));
        break;
    case Kind::Information:
        colours.setColor(QPalette::Window, QColor(0xe3, 0xef, 0xfb));
        colours.setColor(QPalette::WindowText, QColor(0x0b, 0x3d, 0x6e));
        break;
    }
    setPalette(colours);
    m_text->setPalette(colours);
    show();
    if (kind == Kind::Warning)
        m_hideTimer.stop(); // something to act on: it stays until dismissed
    else
        m_hideTimer.start(kind == Kind::Error ? kErrorMs : kInformationMs);
}

void BannerView::dismiss() {
    m_hideTimer.stop();
    const bool wasShown = !isHidden();
    hide();
    if (wasShown)
        emit dismissed();
}

QString BannerView::text() const {
    return isHidden() ? QString() : m_text->text();
}

} // namespace caredesk::console
