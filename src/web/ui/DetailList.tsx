import { DataList } from '@mantine/core';
import type { ReactNode } from 'react';
import { ValueText } from './ValueText.tsx';

/** A record's fields as label / value pairs; empty values show a dash. */
export function DetailList({ items }: { items: { label: string; value: ReactNode }[] }) {
  return (
    <DataList withDivider labelWidth={180}>
      {items.map((item) => (
        <DataList.Item key={item.label}>
          <DataList.ItemLabel>{item.label}</DataList.ItemLabel>
          <DataList.ItemValue>
            {typeof item.value === 'string' || item.value === null || item.value === undefined ? (
              <ValueText value={item.value} />
            ) : (
              item.value
            )}
          </DataList.ItemValue>
        </DataList.Item>
      ))}
    </DataList>
  );
}
