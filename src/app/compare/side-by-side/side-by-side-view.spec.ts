import { ComponentFixture, TestBed } from '@angular/core/testing';
import { SideBySideView } from './side-by-side-view';
import { ViewOptions } from './visible-rows';

describe('SideBySideView search box', () => {
  let fixture: ComponentFixture<SideBySideView>;
  let box: HTMLInputElement;
  const emitted: string[] = [];
  const options = (search: string): ViewOptions => ({ hideIdentical: false, collapsed: new Set(), search });

  const type = (text: string) => {
    box.value = text;
    box.dispatchEvent(new Event('input'));
    fixture.detectChanges();
  };

  beforeEach(() => {
    jasmine.clock().install();
    emitted.length = 0;
    fixture = TestBed.createComponent(SideBySideView);
    fixture.componentRef.setInput('tasks', []);
    fixture.componentRef.setInput('sections', []);
    fixture.componentRef.setInput('options', options(''));
    fixture.componentInstance.searchChange.subscribe((text) => emitted.push(text));
    fixture.detectChanges();
    box = fixture.nativeElement.querySelector('input[type="search"]');
  });
  afterEach(() => jasmine.clock().uninstall());

  it('keeps what was typed while the search sent before it comes back through the URL', () => {
    type('los');
    jasmine.clock().tick(300);
    expect(emitted).toEqual(['los']);
    // A key typed while the URL takes "los" in: the URL's answer must not undo it.
    type('loss');
    fixture.componentRef.setInput('options', options('los'));
    fixture.detectChanges();
    expect(box.value).toBe('loss');
    jasmine.clock().tick(300);
    expect(emitted).toEqual(['los', 'loss']);
  });

  it('shows the search again when the back and forward buttons bring it back', () => {
    type('loss');
    jasmine.clock().tick(300);
    fixture.componentRef.setInput('options', options('loss'));
    fixture.detectChanges();
    fixture.componentRef.setInput('options', options(''));
    fixture.detectChanges();
    expect(box.value).toBe('');
    fixture.componentRef.setInput('options', options('loss'));
    fixture.detectChanges();
    expect(box.value).toBe('loss');
  });

  it('shows a search that comes from elsewhere (a link, the back button)', () => {
    type('loss');
    jasmine.clock().tick(300);
    fixture.componentRef.setInput('options', options('loss'));
    fixture.detectChanges();
    fixture.componentRef.setInput('options', options('accuracy'));
    fixture.detectChanges();
    expect(box.value).toBe('accuracy');
  });
});
