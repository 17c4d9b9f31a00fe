import { Component, signal } from '@angular/core';
import { ComponentFixture, DeferBlockBehavior, DeferBlockState, TestBed } from '@angular/core/testing';
import { Toggle } from './toggle';

@Component({
  imports: [Toggle],
  template: `<app-toggle [checked]="on()" (changed)="changes.push($event); on.set($event)" testId="t" label="Show archived" />`,
})
class Host {
  readonly on = signal(true);
  readonly changes: boolean[] = [];
}

describe('Toggle', () => {
  let fixture: ComponentFixture<Host>;
  const root = () => fixture.nativeElement.querySelector('[data-testid=t]') as HTMLElement;
  const switchButton = () => root().querySelector('button[role=switch]') as HTMLButtonElement;

  /** Labelled, on (as the host says), and a click turns it off through `changed`. */
  async function expectLabelledSwitchThatFlips(): Promise<void> {
    expect(root().textContent).toContain('Show archived');
    expect(switchButton().getAttribute('aria-checked')).toBe('true');
    switchButton().click();
    await fixture.whenStable();
    expect(fixture.componentInstance.changes).toEqual([false]);
    expect(switchButton().getAttribute('aria-checked')).toBe('false');
  }

  beforeEach(async () => {
    await TestBed.configureTestingModule({ imports: [Host], deferBlockBehavior: DeferBlockBehavior.Manual }).compileComponents();
    fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
  });

  it("shows its state and takes clicks before Material's toggle has loaded", async () => {
    expect(fixture.nativeElement.querySelector('mat-slide-toggle')).toBeNull();
    await expectLabelledSwitchThatFlips();
  });

  it("is Material's slide toggle once loaded, with the same state, test id and label", async () => {
    const [block] = await fixture.getDeferBlocks();
    await block.render(DeferBlockState.Complete);
    expect(root().tagName.toLowerCase()).toBe('mat-slide-toggle');
    await expectLabelledSwitchThatFlips();
  });
});
