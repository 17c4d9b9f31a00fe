import { TestBed } from '@angular/core/testing';
import { Component } from '@angular/core';
import { Router, provideRouter } from '@angular/router';
import { MergedRouterStateSerializer } from './router-state';

@Component({ template: '' })
class Empty {}

describe('MergedRouterStateSerializer', () => {
  it('merges matrix and route params of every level and lists path segments', async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'compare-tasks', children: [{ path: 'scalars', children: [{ path: ':view', component: Empty }] }] }]),
      ],
    });
    const router = TestBed.inject(Router);
    await router.navigateByUrl('/compare-tasks;ids=a,b/scalars/graph?smooth=0.6&name=a%26b');
    const state = new MergedRouterStateSerializer().serialize(router.routerState.snapshot);
    expect(state.segments).toEqual(['compare-tasks', 'scalars', 'graph']);
    expect(state.params).toEqual({ ids: 'a,b', view: 'graph' });
    expect(state.queryParams).toEqual({ smooth: '0.6', name: 'a&b' });
  });
});
