import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n/i18n';

// Only what a stacked bar chart needs: chart.js leaves the rest out of this chunk.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

export interface HourBar {
  /** The hour on the site's clock (0 to 23). */
  hour: number;
  passed: number;
  denied: number;
}

/**
 * People at the doors in each hour of the day, passed and refused stacked. Loaded on demand (its
 * own chunk): the pages that show no chart never download chart.js.
 */
export default function EntriesChart({ hours, label }: { hours: HourBar[]; label: (passed: number, denied: number) => string }) {
  const { t } = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<'bar'> | null>(null);

  useEffect(() => {
    // A canvas draws with its own font, not the page's: without the page's (CJK) font the legend shows boxes.
    Chart.defaults.font.family = getComputedStyle(canvas.current!).fontFamily;
    chart.current = new Chart(canvas.current!, {
      type: 'bar',
      data: { labels: [], datasets: [] },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { x: { stacked: true, grid: { display: false } }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { position: 'bottom' } },
      },
    });
    // The web font may arrive after the first drawing.
    void document.fonts.ready.then(() => chart.current?.update());
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const current = chart.current;
    if (!current) return;
    current.data.labels = hours.map((bar) => `${String(bar.hour).padStart(2, '0')}:00`);
    current.data.datasets = [
      { label: t('passed'), data: hours.map((bar) => bar.passed), backgroundColor: '#52c41a', stack: 'entries' },
      { label: t('denied'), data: hours.map((bar) => bar.denied), backgroundColor: '#ff4d4f', stack: 'entries' },
    ];
    current.update();
  }, [hours, t]);

  const passed = hours.reduce((sum, bar) => sum + bar.passed, 0);
  const denied = hours.reduce((sum, bar) => sum + bar.denied, 0);
  return (
    <div style={{ position: 'relative', height: 260 }}>
      <canvas ref={canvas} role="img" aria-label={label(passed, denied)} data-testid="entries-chart" data-passed={passed} data-denied={denied} />
    </div>
  );
}
