#include "ui/EmptyStateView.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>
#include <QVBoxLayout>

namespace caredesk::console {

namespace {

// A line drawing in a soft tinted disc, in the palette's highlight colour, so
// each pane is recognisable at a glance without shipping image files.
class PictogramView : public QWidget {
public:
    PictogramView(EmptyStateView::Pictogram pictogram, QWidget *parent)
        : QWidget(parent)
        , m_pictogram(pictogram) {
        setFixedSize(56, 56);
    }

protected:
    void paintEvent(QPaintEvent *) override {
        QPainter painter(this);
        painter.setRenderHint(QPainter::Antialiasing);
        QColor tint = palette().color(QPalette::Highlight);
        QColor disc = tint;
        disc.setAlphaF(0.10);
        painter.setPen(Qt::NoPen);
        painter.setBrush(disc);
        painter.drawEllipse(rect());

        painter.translate(width() / 2.0, height() / 2.0);
        QPen pen(tint, 2.0, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
        painter.setPen(pen);
        painter.setBrush(Qt::NoBrush);
        switch (m_pictogram) {
        case EmptyStateView::Pictogram::List:
            for (int row = -1; row <= 1; ++row) {
                painter.drawPoint(QPointF(-9, row * 7.0));
                painter.drawLine(QPointF(-4, row * 7.0), QPointF(11, row * 7.0));
            }
            break;
        case EmptyStateView::Pictogram::Conversation: {
            QPainterPath bubble;
            bubble.addRoundedRect(QRectF(-12, -10, 24, 16), 5, 5);
            bubble.moveTo(-5, 6);
            bubble.lineTo(-8, 12);
            bubble.lineTo(1, 6);
            painter.drawPath(bubble.simplified());
            break;
        }
        case EmptyStateView::Pictogram::Person:
            painter.drawEllipse(QPointF(0, -6), 5.5, 5.5);
            painter.drawArc(QRectF(-11, 3, 22, 18), 0, 180 * 16);
            break;
        case EmptyStateView::Pictogram::Settings:
            for (int row = -1; row <= 1; ++row) {
                painter.drawLine(QPointF(-11, row * 7.0), QPointF(11, row * 7.0));
                const double knob = row == 0 ? 4.0 : (row < 0 ? -5.0 : 1.0);
                painter.setBrush(palette().color(QPalette::Base));
                painter.drawEllipse(QPointF(knob, row * 7.0), 2.5, 2.5);
                painter.setBrush(Qt::NoBrush);
            }
            break;
        case EmptyStateView::Pictogram::Video: {
            painter.drawRoundedRect(QRectF(-12, -7, 16, 14), 3, 3);
            QPainterPath lens;
            lens.moveTo(6, -2);
            lens.lineTo(12, -6);
            lens.lineTo(12, 6);
            lens.lineTo(6, 2);
            painter.drawPath(lens);
            break;
        }
        }
    }

private:
    EmptyStateView::Pictogram m_pictogram;
};

} // namespace

EmptyStateView::EmptyStateView(Pictogram pictogram, const QString &heading,
                               const QString &explanation, QWidget *parent)
    : QWidget(parent)
    , m_heading(new QLabel(heading, this))
    , m_explanation(new QLabel(explanation, this)) {
    setObjectName(QStringLiteral("emptyState"));
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);

    m_heading->setObjectName(QStringLiteral("emptyStateHeading"));
    m_heading->setAlignment(Qt::AlignHCenter);
    m_heading->setWordWrap(true);
    QFont headingFont = m_heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.1);
    headingFont.setWeight(QFont::DemiBold);
    m_heading->setFont(headingFont);

    m_explanation->setObjectName(QStringLiteral("emptyStateExplanation"));
    m_explanation->setAlignment(Qt::AlignHCenter);
    m_explanation->setWordWrap(true);

    // Wrapped labels only get their full height when no alignment flag sits
    // between them and the layout, so the column is centred by stretches.
    auto *column = new QWidget(this);
    column->setMaximumWidth(320);
    auto *columnLayout = new QVBoxLayout(column);
    columnLayout->setContentsMargins(0, 0, 0, 0);
    columnLayout->setSpacing(8);
    auto *pictogramRow = new QHBoxLayout;
    pictogramRow->addStretch();
    pictogramRow->addWidget(new PictogramView(pictogram, column));
    pictogramRow->addStretch();
    columnLayout->addLayout(pictogramRow);
    columnLayout->addSpacing(6);
    columnLayout->addWidget(m_heading);
    columnLayout->addWidget(m_explanation);
    m_column = columnLayout;

    auto *row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(column, 12);
    row->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 16, 16, 16);
    layout->addStretch(2);
    layout->addLayout(row);
    layout->addStretch(3);

    applyPalette();
}

void EmptyStateView::setBackground(QPalette::ColorRole role) {
    setBackgroundRole(role);
    applyPalette();
}

QString EmptyStateView::heading() const {
    return m_heading->text();
}

QString EmptyStateView::explanation() const {
    return m_explanation->text();
}

QPushButton *EmptyStateView::addButton(const QString &text) {
    auto *button = new QPushButton(text, this);
    auto *row = new QHBoxLayout;
    row->addStretch();
    row->addWidget(button);
    row->addStretch();
    m_column->addSpacing(4);
    m_column->addLayout(row);
    return button;
}

void EmptyStateView::changeEvent(QEvent *event) {
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
    QWidget::changeEvent(event);
}

void EmptyStateView::applyPalette() {
    // Muted text mixed from the palette, so it follows light and dark themes.
    const QColor text = palette().color(QPalette::Text);
    const QColor background = palette().color(backgroundRole());
    const auto mix = [](int a, int b) {
        return (a * 60 + b * 40) / 100;
    };
    const QColor mixed(mix(text.red(), background.red()), mix(text.green(), background.green()),
                       mix(text.blue(), background.blue()));
    QPalette muted = m_explanation->palette();
    // On a Base background labels draw with Text, elsewhere with WindowText.
    muted.setColor(QPalette::WindowText, mixed);
    muted.setColor(QPalette::Text, mixed);
    m_explanation->setPalette(muted);
}

} // namespace caredesk::console
