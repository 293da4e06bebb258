import { useSearchParams } from 'react-router-dom';
import { AVAILABILITY_RANGES, type AvailabilityRange } from './queries';

const isRange = (value: string | null): value is AvailabilityRange => (AVAILABILITY_RANGES as readonly string[]).includes(value ?? '');

/**
 * The range a monitor's page shows (24 h, 7, 30 or 90 days), kept in the address as `?range=` so
 * that the availability and the latency chart follow one choice and a reload keeps it.
 */
export function useMonitorRange(): [AvailabilityRange, (next: AvailabilityRange) => void] {
  const [params, setParams] = useSearchParams();
  const asked = params.get('range');
  const range: AvailabilityRange = isRange(asked) ? asked : '24h';
  const choose = (next: AvailabilityRange) =>
    setParams(
      (current) => {
        const copy = new URLSearchParams(current);
        if (next === '24h') copy.delete('range');
        else copy.set('range', next);
        return copy;
      },
      { replace: true },
    );
  return [range, choose];
}
